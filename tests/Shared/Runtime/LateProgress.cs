using System;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Testing;

/// <summary>
/// Counts progress reported for a call after that call has already returned: with <c>progress-after-result</c> (the
/// server sends a progress notification after its answer) there must be none. Shared by the fault matrix and the soak.
/// </summary>
internal sealed class LateProgress
{
    private long _late;

    public long Late => Interlocked.Read(ref _late);

    /// <summary>Runs <paramref name="call"/> with a progress sink that counts every report arriving after it returned.</summary>
    public async Task CallAsync(Func<IProgress<McpProgress>, Task> call)
    {
        var sink = new Sink(this);
        try
        {
            await call(sink).ConfigureAwait(false);
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
