using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Diagnostics;
using Microsoft.Extensions.Logging;

namespace McpSdk.Sessions;

/// <summary>
/// The pool's background tasks (openings, closings, pings, watches): each one is observed when it ends, so a failure is
/// logged instead of surfacing later as an unobserved task exception, and disposal can wait for all of them.
/// </summary>
internal sealed class BackgroundWork
{
    private readonly HashSet<Task> _running = [];
    private readonly Lock _sync = new();
    private readonly ILogger _logger;
    private readonly string _endpointName;

    public BackgroundWork(ILogger logger, string endpointName)
    {
        _logger = logger;
        _endpointName = endpointName;
    }

    /// <summary>Keeps <paramref name="task"/> visible to <see cref="DrainAsync"/> until it ends, and observes how it ends.</summary>
    public void Track(Task task, string what)
    {
        LiveResourceCounters.BackgroundTaskStarted(task);
        lock (_sync)
        {
            _running.Add(task);
        }

        task.ContinueWith(
            static (ended, state) =>
            {
                var (work, what) = ((BackgroundWork, string))state!;
                lock (work._sync)
                {
                    work._running.Remove(ended);
                }

                // Reading the exception observes it; the work's own code has already reported what it expected.
                if (ended.Exception is { } failure)
                {
                    Log.BackgroundWorkFailed(work._logger, what, work._endpointName, failure.InnerException ?? failure);
                }
            },
            (this, what),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits until every tracked task, and every task they start meanwhile, has ended.</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            Task[] running;
            lock (_sync)
            {
                running = [.. _running];
            }

            if (running.Length == 0)
            {
                return;
            }

            try
            {
                await Task.WhenAll(running).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // Observed and logged by Track's continuation; disposal only waits for the work to end.
            }

            // Their continuations remove them too, perhaps a moment later on another thread: do not wait for that.
            lock (_sync)
            {
                _running.ExceptWith(running);
            }
        }
    }
}
