using System;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace McpSdk.Endpoints;

/// <summary>A user-supplied transport per session.</summary>
internal sealed class TransportEndpoint(Func<IClientTransport> transportFactory, string name) : McpEndpoint
{
    public override string Name => name;

    internal override EndpointTransport CreateTransport(ILoggerFactory loggerFactory, TimeProvider timeProvider) =>
        new(transportFactory() ?? throw new InvalidOperationException($"The transport factory of endpoint '{name}' returned null."), null);
}
