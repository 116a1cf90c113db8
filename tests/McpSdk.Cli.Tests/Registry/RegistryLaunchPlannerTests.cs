using System;
using System.Collections.Generic;
using McpSdk.Cli.Registry;
using McpSdk.Cli.Registry.Model;
using McpSdk.Cli.Servers;
using Xunit;

namespace McpSdk.Cli.Tests.Registry;

/// <summary>
/// How a registry entry becomes a command line or URL, with the programs on PATH decided by the test (this machine's
/// PATH has docker and no uvx, another's may differ).
/// </summary>
public sealed class RegistryLaunchPlannerTests
{
    private static readonly LaunchInputs s_nothingGiven = new(
        new Dictionary<string, string?>(), new Dictionary<string, string>(), WorkingDirectory: null);

    [Fact]
    public void A_pypi_package_without_uvx_on_the_path_says_to_install_uv_or_give_the_command()
    {
        RegistryException failure = Assert.Throws<RegistryException>(() => Planner("npx", "docker").Plan(Entry(Pypi()), s_nothingGiven));

        Assert.Contains("io.example.test/time@1.2.0 cannot be started from here:", failure.Message, StringComparison.Ordinal);
        Assert.Contains("pypi package mcp-server-time needs 'uvx' on PATH (install uv: https://docs.astral.sh/uv/)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--stdio <command…>", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pypi_package_with_uvx_runs_the_pinned_version_with_its_named_arguments()
    {
        ServerTarget target = Planner("uvx").Plan(Entry(Pypi()), s_nothingGiven);

        Assert.Equal("uvx mcp-server-time==1.2.0 --local-timezone UTC", target.Description);
    }

    [Fact]
    public void An_oci_package_without_docker_says_to_install_docker()
    {
        RegistryException failure = Assert.Throws<RegistryException>(() => Planner("npx").Plan(Entry(Oci()), s_nothingGiven));

        Assert.Contains("oci package ghcr.io/example-test/git needs 'docker' on PATH", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oci_package_runs_interactively_with_its_environment_passed_by_name_into_the_container()
    {
        var given = s_nothingGiven with { Environment = new Dictionary<string, string?> { ["GIT_TOKEN"] = "secret" } };

        var target = Assert.IsType<ServerTarget.StdioTarget>(Planner("docker").Plan(Entry(Oci()), given));

        Assert.Equal("docker run -i --rm -e GIT_TOKEN ghcr.io/example-test/git:0.9.0 --read-only", target.Description);
        Assert.Equal("secret", target.Environment["GIT_TOKEN"]);
    }

    [Fact]
    public void An_npm_package_gets_its_default_environment_values_and_the_given_ones_win()
    {
        RegistryPackage package = Npm() with
        {
            EnvironmentVariables =
            [
                new RegistryInput { Name = "REGION", Default = "eu", IsRequired = true },
                new RegistryInput { Name = "MODE", Value = "{level}-mode", Variables = new Dictionary<string, RegistryInput> { ["level"] = new() { Default = "safe" } } },
                new RegistryInput { Name = "TOKEN", IsRequired = true },
            ],
        };
        var given = s_nothingGiven with { Environment = new Dictionary<string, string?> { ["TOKEN"] = "t", ["REGION"] = "us", ["EXTRA"] = "x" } };

        var target = Assert.IsType<ServerTarget.StdioTarget>(Planner("npx").Plan(Entry(package), given));

        Assert.Equal("npx -y @example-test/notes@3.1.0 --root <none>", target.Description);
        Assert.Equal(
            new Dictionary<string, string?> { ["TOKEN"] = "t", ["REGION"] = "us", ["EXTRA"] = "x", ["MODE"] = "safe-mode" },
            target.Environment);
    }

    [Fact]
    public void A_required_argument_without_a_value_cannot_be_given_with_registry_and_the_message_says_to_use_stdio()
    {
        RegistryPackage package = Npm() with
        {
            PackageArguments = [new RegistryArgument { Type = "positional", ValueHint = "directory", IsRequired = true, Description = "The allowed directory" }],
        };

        RegistryException failure = Assert.Throws<RegistryException>(() => Planner("npx").Plan(Entry(package), s_nothingGiven));

        Assert.Contains("argument <directory>   The allowed directory: arguments cannot be given with --registry", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--stdio", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_no_package_can_start_here_the_first_remote_is_used_streamable_http_before_sse()
    {
        ServerJson entry = Entry(Pypi()) with
        {
            Remotes =
            [
                new RegistryTransport { Type = "sse", Url = "https://tools.example.com/sse" },
                new RegistryTransport { Type = "streamable-http", Url = "https://tools.example.com/mcp" },
            ],
        };

        ServerTarget target = Planner("npx").Plan(entry, s_nothingGiven);

        Assert.Equal("https://tools.example.com/mcp", target.Description);
    }

    [Fact]
    public void A_remote_url_variable_without_a_value_fails_asking_for_the_whole_url()
    {
        ServerJson entry = Entry() with
        {
            Remotes =
            [
                new RegistryTransport
                {
                    Type = "streamable-http",
                    Url = "https://{tenant}.example.com/mcp",
                    Variables = new Dictionary<string, RegistryInput> { ["tenant"] = new() { IsRequired = true } },
                },
            ],
        };

        RegistryException failure = Assert.Throws<RegistryException>(() => Planner().Plan(entry, s_nothingGiven));

        Assert.Contains("URL variable {tenant} in https://{tenant}.example.com/mcp: give the whole URL with --http <url>", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_that_serves_http_itself_says_to_start_it_and_use_http()
    {
        RegistryPackage package = Npm() with { Transport = new RegistryTransport { Type = "streamable-http", Url = "http://localhost:{port}/mcp" } };

        RegistryException failure = Assert.Throws<RegistryException>(() => Planner("npx").Plan(Entry(package), s_nothingGiven));

        Assert.Contains("npm package @example-test/notes serves streamable-http itself: start it, then scaffold with --http <its url>", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_with_neither_packages_nor_remotes_says_there_is_nothing_to_start()
    {
        RegistryException failure = Assert.Throws<RegistryException>(() => Planner().Plan(Entry(), s_nothingGiven));

        Assert.Contains("lists no packages and no remotes", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("io.github.user/weather", "io.github.user/weather", null)]
    [InlineData("io.github.user/weather@1.2.0", "io.github.user/weather", "1.2.0")]
    [InlineData("io.github.user/weather@1.0.0+build.5", "io.github.user/weather", "1.0.0+build.5")]
    public void A_registry_reference_is_a_name_with_an_optional_version(string text, string name, string? version)
    {
        Assert.Equal(new RegistryReference(name, version), RegistryReference.TryParse(text));
    }

    [Theory]
    [InlineData("weather")]
    [InlineData("io.github.user/")]
    [InlineData("io.github.user/weather@")]
    [InlineData("a/b/c")]
    public void A_registry_reference_without_one_slash_between_namespace_and_name_is_refused(string text)
    {
        Assert.Null(RegistryReference.TryParse(text));
    }

    private static RegistryLaunchPlanner Planner(params string[] onPath) => new(program => Array.IndexOf(onPath, program) >= 0);

    private static ServerJson Entry(params RegistryPackage[] packages) => new()
    {
        Name = "io.example.test/time",
        Version = "1.2.0",
        Packages = packages,
    };

    private static RegistryPackage Pypi() => new()
    {
        RegistryType = "pypi",
        Identifier = "mcp-server-time",
        Version = "1.2.0",
        PackageArguments = [new RegistryArgument { Type = "named", Name = "--local-timezone", Default = "UTC" }],
    };

    private static RegistryPackage Oci() => new()
    {
        RegistryType = "oci",
        Identifier = "ghcr.io/example-test/git",
        Version = "0.9.0",
        PackageArguments = [new RegistryArgument { Type = "positional", Value = "--read-only" }],
        EnvironmentVariables = [new RegistryInput { Name = "GIT_TOKEN", IsRequired = true, IsSecret = true }],
    };

    private static RegistryPackage Npm() => new()
    {
        RegistryType = "npm",
        Identifier = "@example-test/notes",
        Version = "3.1.0",
        PackageArguments = [new RegistryArgument { Type = "named", Name = "--root", Value = "<none>" }],
    };
}
