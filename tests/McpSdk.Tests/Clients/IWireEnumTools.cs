using System.Text.Json.Serialization;
using System.Threading.Tasks;

namespace McpSdk.Tests.Clients;

/// <summary>An enum as MCP servers spell their values: camelCase by default, any spelling by attribute.</summary>
[McpClient]
public interface IWireEnumTools
{
    [McpTool("forecast")]
    Task<string> ForecastAsync(City city, City? other = null);
}

/// <summary>Members whose wire values come from the camelCase rule, and one renamed.</summary>
public enum City
{
    Chicago,
    LosAngeles,
    [JsonStringEnumMemberName("New York")]
    NewYork,
}
