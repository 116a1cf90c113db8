using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Engine;

/// <summary>An HTTP client factory whose clients record the <c>Mcp-Method</c> header of every request they send.</summary>
internal sealed class MethodRecorder : DelegatingHandler, IHttpClientFactory
{
    public MethodRecorder()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>Each request's <c>Mcp-Method</c>, in the order sent (null for a request without one).</summary>
    public ConcurrentQueue<string?> Sent { get; } = new();

    public HttpClient CreateClient(string name) => new(this, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Sent.Enqueue(request.Headers.TryGetValues("Mcp-Method", out IEnumerable<string>? values) ? values.Single() : null);
        return base.SendAsync(request, cancellationToken);
    }
}
