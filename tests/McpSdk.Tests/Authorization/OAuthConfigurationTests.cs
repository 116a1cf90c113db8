using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace McpSdk.Tests.Authorization;

/// <summary>OAuth settings read from the connection's configuration section.</summary>
public sealed class OAuthConfigurationTests
{
    [Fact]
    public async Task A_client_id_and_secret_without_a_redirect_URI_configure_the_client_credentials_grant()
    {
        await using var server = ProtectedMcpServer.Start(authMethods: ["client_secret_post"]);
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Servers:IEchoTools:Http"] = server.McpUri.AbsoluteUri,
            ["Mcp:Servers:IEchoTools:OAuth:ClientId"] = ProtectedMcpServer.ClientId,
            ["Mcp:Servers:IEchoTools:OAuth:ClientSecret"] = ProtectedMcpServer.ClientSecret,
        }).Build();
        var services = new ServiceCollection();
        services.AddMcpClient<IEchoTools>(mcp => mcp.UseConfiguration(configuration));
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Equal("Echo: configured", await provider.GetRequiredService<IEchoTools>().EchoAsync("configured"));
        Assert.Equal(["client_secret_post"], server.ClientAuthentications);
    }

    [Fact]
    public async Task An_unknown_auth_method_fails_with_its_configuration_path()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mcp:Servers:IEchoTools:Http"] = "http://127.0.0.1:1/mcp",
            ["Mcp:Servers:IEchoTools:OAuth:ClientId"] = "svc",
            ["Mcp:Servers:IEchoTools:OAuth:ClientCredentials:AuthMethod"] = "Kerberos",
        }).Build();
        var services = new ServiceCollection();
        services.AddMcpClient<IEchoTools>(mcp => mcp.UseConfiguration(configuration));
        await using ServiceProvider provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEchoTools>());

        Assert.Contains("Mcp:Servers:IEchoTools:OAuth:ClientCredentials:AuthMethod", error.Message, StringComparison.Ordinal);
    }
}
