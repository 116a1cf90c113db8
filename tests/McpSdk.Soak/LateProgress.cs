using System;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Soak;

/// <summary>
/// Calls <c>progress-after-result</c> (the server sends a progress notification after its answer) and counts the
/// reports that reach a call's <see cref="IProgress{T}"/> after the call returned: there should be none.
/// </summary>
internal sealed class LateProgress
{
    private long _late;

    public long Late => Interlocked.Read(ref _late);

    public async Task CallAsync(ISoakTools tools, CancellationToken cancellationToken)
    {
        var sink = new Sink(this);
        try
        {
            await tools.ProgressAfterResultAsync(sink, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref sink.Returned, true);
        }
    }

    private sealed class Sink(LateProgress owner) : IProgress<McpProgress>
    {
        public bool Returned;

        public void Report(McpProgress value)
        {
            if (Volatile.Read(ref Returned))
            {
                Interlocked.Increment(ref owner._late);
            }
        }
    }
}
