using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Testing;

namespace McpSdk.Soak;

/// <summary>
/// One soak run: opens the connection, runs the workers until <see cref="SoakOptions.Calls"/> calls or
/// <see cref="SoakOptions.Duration"/>, lets the calls in flight finish, and gathers what <see cref="SoakReport"/> checks.
/// </summary>
internal sealed class SoakRun(SoakOptions options, TextWriter output)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long after the run the pool may take to be back to its minimum of live sessions.</summary>
    private static readonly TimeSpan RecoveryTime = TimeSpan.FromSeconds(10);

    private readonly SoakAccounting _accounting = new();
    private readonly LateProgress _late = new();
    private readonly Stopwatch _clock = new();
    private readonly TaskCompletionSource _halfway = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<McpConnection> _retired = []; // written by the reopening loop only, read after it ended
    private Generation _current = null!;
    private long _claimed;

    public async Task<SoakReport> RunAsync()
    {
        string server = options.ServerPath();
        if (!File.Exists(server))
        {
            throw new FileNotFoundException($"The fault server was not found at {server}: build the solution (dotnet build McpSdk.sln -c Release) or pass --server.", server);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Soak: {options.Calls} calls or {options.Duration.TotalSeconds:0} s, {options.Concurrency} in flight, fault rate {options.FaultRate}, cancel rate {options.CancelRate}, seed {options.Seed}, " +
            $"up to {options.Sessions} sessions of {Path.GetFileName(server)}; {Environment.ProcessorCount} cores, .NET {Environment.Version}, loadavg {LoadAverage()}"));

        _current = await OpenAsync(server).ConfigureAwait(false);
        try
        {
            var samples = new List<MemorySample> { MemorySample.Take("start", 0, TimeSpan.Zero) };
            using var watchdog = new CallWatchdog(options.Concurrency, options.Margin);

            _clock.Start();
            var workers = new Task[options.Concurrency];
            for (int i = 0; i < workers.Length; i++)
            {
                int worker = i;
                workers[i] = Task.Run(() => WorkAsync(worker, watchdog));
            }

            Task all = Task.WhenAll(workers);
            using var stopProgress = new CancellationTokenSource();
            Task progress = PrintProgressAsync(stopProgress.Token);
            Task reopening = options.ReopenEvery is { } every ? ReopenAsync(server, every) : Task.CompletedTask;

            // The middle: half the calls, or half the time, whichever comes first.
            await Task.WhenAny(_halfway.Task, Task.Delay(options.Duration / 2), all).ConfigureAwait(false);
            samples.Add(MemorySample.Take("middle", _accounting.Completed, _clock.Elapsed));

            // The drain: every call still in flight must end within its deadline plus the margin.
            TimeSpan drain = SoakCatalog.CallerDeadline + options.Margin;
            bool drained = await Task.WhenAny(all, WhenStopped().ContinueWith(_ => Task.Delay(drain), TaskScheduler.Default).Unwrap()).ConfigureAwait(false) == all;
            TimeSpan elapsed = _clock.Elapsed;
            await stopProgress.CancelAsync().ConfigureAwait(false);
            await progress.ConfigureAwait(false);
            await reopening.ConfigureAwait(false);
            IReadOnlyList<string> pending = watchdog.Pending();

            McpConnection connection = _current.Connection;
            McpConnectionStats stats = ConnectionStatsSum.Of([.. _retired.Select(c => c.GetStats()), connection.GetStats()]);
            samples.Add(MemorySample.Take("end", _accounting.Completed, elapsed));

            // The pool recovers: one more call succeeds (a retry covers a crash the pool has not noticed yet).
            string? recovery = null;
            try
            {
                using var probe = new CancellationTokenSource(SoakCatalog.CallerDeadline);
                await _current.Tools.OkRetriedAsync(probe.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                recovery = $"the call after the run failed: {e.GetType().Name}: {e.Message}";
            }

            // ...and is back to its minimum of live sessions (a replacement may still be starting).
            var settle = Stopwatch.StartNew();
            McpPoolStats pool = connection.GetStats().Pool;
            while (pool.Live < connection.Options.MinSessions && settle.Elapsed < RecoveryTime)
            {
                await Task.Delay(100).ConfigureAwait(false);
                pool = connection.GetStats().Pool;
            }

            if (pool.Live < connection.Options.MinSessions)
            {
                recovery ??= string.Create(CultureInfo.InvariantCulture,
                    $"{pool.Live} live session(s) {RecoveryTime.TotalSeconds:0} s after the run ({pool.Starting} starting), below MinSessions {connection.Options.MinSessions}");
            }

            return new SoakReport(options, _accounting, stats, _retired.Count + 1, samples, [.. watchdog.Overdue], drained ? [] : pending, watchdog.Latest, _late.Late, recovery, elapsed, PeakWorkingSet());
        }
        finally
        {
            await _current.Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<Generation> OpenAsync(string server)
    {
        McpConnection connection = await McpConnection.OpenAsync(McpEndpoint.Stdio("dotnet", server), new McpConnectionOptions
        {
            MinSessions = Math.Min(2, options.Sessions),
            MaxSessions = options.Sessions,
            MaxCallsPerSession = 16,
        }).ConfigureAwait(false);
        return new Generation(connection, connection.CreateClient<ISoakTools>());
    }

    /// <summary>
    /// <c>--reopen-every</c>: opens a new connection, moves the workers to it, and disposes the old one with calls still
    /// running and waiting on it; until no new call will start.
    /// </summary>
    private async Task ReopenAsync(string server, TimeSpan every)
    {
        while (true)
        {
            await Task.WhenAny(WhenStopped(), Task.Delay(every)).ConfigureAwait(false);
            if (Interlocked.Read(ref _claimed) >= options.Calls || _clock.Elapsed >= options.Duration)
            {
                return;
            }

            Generation previous = Interlocked.Exchange(ref _current, await OpenAsync(server).ConfigureAwait(false));
            _retired.Add(previous.Connection);
            await previous.Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task WorkAsync(int worker, CallWatchdog watchdog)
    {
        var random = new Random(unchecked((options.Seed * 7_919) + worker)); // not HashCode: it is seeded per process
        while (Interlocked.Increment(ref _claimed) <= options.Calls && _clock.Elapsed < options.Duration)
        {
            SoakCallKind kind = SoakCatalog.Choose(random, options.FaultRate);
            bool cancelAtRandom = random.NextDouble() < options.CancelRate;
            int cancelAfterMilliseconds = random.Next(0, 51);

            using var caller = new CancellationTokenSource(kind.CallerDeadline);
            if (cancelAtRandom)
            {
                if (cancelAfterMilliseconds == 0)
                {
                    await caller.CancelAsync().ConfigureAwait(false); // cancelled before the call starts
                }
                else
                {
                    caller.CancelAfter(cancelAfterMilliseconds);
                }
            }

            _accounting.OnSubmitted(kind);
            watchdog.Begin(worker, kind);
            Exception? error = null;
            try
            {
                await kind.InvokeAsync(Volatile.Read(ref _current).Tools, _late, caller.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                error = e;
            }

            watchdog.End(worker);
            SoakOutcome outcome = SoakOutcomes.Classify(error, kind.Tool, caller.IsCancellationRequested, cancelAtRandom, disposing: options.ReopenEvery is not null);
            if (_accounting.OnEnded(kind, outcome, error) == options.Calls / 2)
            {
                _halfway.TrySetResult();
            }
        }
    }

    /// <summary>Completes when no new call will start: all calls claimed, or the duration passed.</summary>
    private async Task WhenStopped()
    {
        while (Interlocked.Read(ref _claimed) < options.Calls && _clock.Elapsed < options.Duration)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    private async Task PrintProgressAsync(CancellationToken cancellationToken)
    {
        long lastCalls = 0;
        TimeSpan lastTime = TimeSpan.Zero;
        using var timer = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                long calls = _accounting.Completed;
                TimeSpan now = _clock.Elapsed;
                McpPoolStats pool = Volatile.Read(ref _current).Connection.GetStats().Pool;
                using Process self = Process.GetCurrentProcess();
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {now.TotalSeconds,5:0} s  {calls,9} calls  {(calls - lastCalls) / (now - lastTime).TotalSeconds,7:0} calls/s  " +
                    $"failed {_accounting.Failed(),6}  cancelled {_accounting.Cancelled(),6}  sessions live {pool.Live} replaced {pool.Replaced}  " +
                    $"working set {self.WorkingSet64 / 1048576.0:0} MB  heap {GC.GetTotalMemory(false) / 1048576.0:0} MB"));
                lastCalls = calls;
                lastTime = now;
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    private static long PeakWorkingSet()
    {
        using Process self = Process.GetCurrentProcess();
        return self.PeakWorkingSet64;
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Trim();
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>A connection and the client the workers call through it.</summary>
    private sealed record Generation(McpConnection Connection, ISoakTools Tools);
}
