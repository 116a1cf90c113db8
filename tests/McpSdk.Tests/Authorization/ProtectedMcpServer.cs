using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace McpSdk.Tests.Authorization;

/// <summary>
/// A small MCP server over Streamable HTTP (JSON responses, no sessions) with its own OAuth authorization server, on one
/// loopback port, written for the tests with <see cref="HttpListener"/>: protected-resource and authorization-server
/// metadata, a token endpoint that checks <c>client_secret_basic</c>, <c>client_secret_post</c> and
/// <c>private_key_jwt</c> (ES256/RS256) the way a real one does, a cross-app access IdP (token exchange) and JWT-bearer
/// grant, and a tool <c>echo</c>. It counts what it sees, so tests can assert how often the client asked.
/// </summary>
internal sealed class ProtectedMcpServer : IAsyncDisposable
{
    public const string ClientId = "billing-service";
    public const string ClientSecret = "cs-Very$ecret+Value/42";
    public const string IdToken = "id-token-of-the-user";
    public const string IdpClientId = "idp-client";
    public const string RegisteredClientId = "registered-dynamically";

    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, bool> _validTokens = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _tokenCount;

    private ProtectedMcpServer(int port)
    {
        BaseUri = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUri { get; }

    /// <summary>The issuer as the metadata spells it: no trailing slash.</summary>
    public string Issuer => BaseUri.GetLeftPart(UriPartial.Authority);

    public Uri McpUri => new(BaseUri, "/mcp");

    /// <summary>Whether MCP requests need a bearer token.</summary>
    public bool RequireToken { get; init; } = true;

    public string[] GrantTypes { get; init; } = ["client_credentials"];

    public string[] AuthMethods { get; init; } = ["client_secret_basic"];

    /// <summary>The public key that checks <c>private_key_jwt</c> assertions.</summary>
    public AsymmetricAlgorithm? ClientKey { get; init; }

    public int ExpiresIn { get; init; } = 3600;

    /// <summary>Answers <c>server/discover</c> with a result that is not a discover result (a server that does not know the method well).</summary>
    public bool GarbageDiscover { get; init; }

    /// <summary>Answers <c>initialize</c> with this version whatever the client asked for.</summary>
    public string? ForcedProtocolVersion { get; init; }

    /// <summary>When set, the token endpoint answers only once this completes (a slow authorization server).</summary>
    public TaskCompletionSource? HoldTokenRequests { get; set; }

    /// <summary>Completes when the first request reaches the token endpoint.</summary>
    public TaskCompletionSource TokenRequestArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Rejects every token from now on (a server whose tokens were all revoked).</summary>
    public bool RejectAllTokens { get; set; }

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public int Unauthorized => Volatile.Read(ref _unauthorized);

    public int ToolCallsReceived => Volatile.Read(ref _toolCallsReceived);

    public int ToolCallsExecuted => Volatile.Read(ref _toolCallsExecuted);

    public int InitializeRequests => Volatile.Read(ref _initializeRequests);

    public int DiscoverRequests => Volatile.Read(ref _discoverRequests);

    public int TokenExchanges => Volatile.Read(ref _tokenExchanges);

    public int Registrations => Volatile.Read(ref _registrations);

    public int Authorizations => Volatile.Read(ref _authorizations);

    /// <summary>How the client authenticated at the token endpoint, per token request (e.g. <c>private_key_jwt ES256</c>).</summary>
    public ConcurrentQueue<string> ClientAuthentications { get; } = new();

    /// <summary>Why token requests were refused.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    /// <summary>Every access token issued.</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    private int _tokenRequests;
    private int _unauthorized;
    private int _toolCallsReceived;
    private int _toolCallsExecuted;
    private int _initializeRequests;
    private int _discoverRequests;
    private int _tokenExchanges;
    private int _registrations;
    private int _authorizations;
    private string? _codeChallenge;

    public static ProtectedMcpServer Start(
        bool requireToken = true, string[]? grantTypes = null, string[]? authMethods = null, AsymmetricAlgorithm? clientKey = null,
        int expiresIn = 3600, bool garbageDiscover = false, string? forcedProtocolVersion = null)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                return new ProtectedMcpServer(FreePort())
                {
                    RequireToken = requireToken,
                    GrantTypes = grantTypes ?? ["client_credentials"],
                    AuthMethods = authMethods ?? ["client_secret_basic"],
                    ClientKey = clientKey,
                    ExpiresIn = expiresIn,
                    GarbageDiscover = garbageDiscover,
                    ForcedProtocolVersion = forcedProtocolVersion,
                };
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and listening: pick another.
            }
        }
    }

    /// <summary>Forgets every token issued so far: the next request with one gets a 401.</summary>
    public void RevokeIssuedTokens() => _validTokens.Clear();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // stopping
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        HttpListenerRequest request = context.Request;
        HttpListenerResponse response = context.Response;
        try
        {
            string body;
            using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            string path = request.Url!.AbsolutePath;
            switch (request.HttpMethod, path)
            {
                case ("GET", "/.well-known/oauth-protected-resource/mcp"):
                    await WriteJsonAsync(response, 200, new JsonObject
                    {
                        ["resource"] = McpUri.AbsoluteUri,
                        ["authorization_servers"] = new JsonArray(Issuer),
                    });
                    break;
                case ("GET", "/.well-known/oauth-authorization-server"):
                    await WriteJsonAsync(response, 200, new JsonObject
                    {
                        ["issuer"] = Issuer,
                        ["authorization_endpoint"] = Issuer + "/authorize",
                        ["token_endpoint"] = Issuer + "/token",
                        ["registration_endpoint"] = Issuer + "/register",
                        ["code_challenge_methods_supported"] = new JsonArray("S256"),
                        ["grant_types_supported"] = new JsonArray([.. GrantTypes.Select(g => (JsonNode)g)]),
                        ["token_endpoint_auth_methods_supported"] = new JsonArray([.. AuthMethods.Select(m => (JsonNode)m)]),
                        ["response_types_supported"] = new JsonArray("code"),
                    });
                    break;
                case ("GET", "/idp/.well-known/openid-configuration"):
                    await WriteJsonAsync(response, 200, new JsonObject { ["issuer"] = Issuer + "/idp", ["token_endpoint"] = Issuer + "/idp/token" });
                    break;
                case ("GET", "/authorize"):
                    // Approves at once: back to the redirect URI with a code, the state and the issuer.
                    Interlocked.Increment(ref _authorizations);
                    var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
                    _codeChallenge = query["code_challenge"];
                    string redirect = query["redirect_uri"] + "?code=the-code&state=" + Uri.EscapeDataString(query["state"] ?? string.Empty) + "&iss=" + Uri.EscapeDataString(Issuer);
                    response.StatusCode = 302;
                    response.RedirectLocation = redirect;
                    break;
                case ("POST", "/register"):
                    Interlocked.Increment(ref _registrations);
                    await WriteJsonAsync(response, 201, new JsonObject
                    {
                        ["client_id"] = RegisteredClientId,
                        ["token_endpoint_auth_method"] = "none",
                        ["redirect_uris"] = JsonNode.Parse(body)?["redirect_uris"]?.DeepClone(),
                    });
                    break;
                case ("POST", "/token"):
                    await TokenAsync(request, response, body);
                    break;
                case ("POST", "/idp/token"):
                    await IdpTokenAsync(response, body);
                    break;
                case ("POST", "/mcp"):
                    await McpAsync(request, response, body);
                    break;
                case ("GET", "/mcp"):
                    response.StatusCode = 405; // no standalone event stream
                    break;
                case ("DELETE", "/mcp"):
                    response.StatusCode = 200;
                    break;
                default:
                    response.StatusCode = 404;
                    break;
            }
        }
        catch (Exception error)
        {
            Refusals.Enqueue("server error: " + error.Message);
            response.StatusCode = 500;
        }
        finally
        {
            response.Close();
        }
    }

    private async Task McpAsync(HttpListenerRequest request, HttpListenerResponse response, string body)
    {
        JsonObject message = JsonNode.Parse(body)!.AsObject();
        string method = (string)message["method"]!;
        if (method == "tools/call")
        {
            Interlocked.Increment(ref _toolCallsReceived);
        }

        string? authorization = request.Headers["Authorization"];
        bool authorized = authorization is not null && authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            && _validTokens.ContainsKey(authorization[7..]) && !RejectAllTokens;
        if (RequireToken && !authorized)
        {
            Interlocked.Increment(ref _unauthorized);
            response.AddHeader("WWW-Authenticate", $"Bearer resource_metadata=\"{Issuer}/.well-known/oauth-protected-resource/mcp\"");
            await WriteJsonAsync(response, 401, new JsonObject { ["error"] = "invalid_token" });
            return;
        }

        JsonNode? id = message["id"]?.DeepClone();
        if (id is null)
        {
            response.StatusCode = 202; // a notification
            return;
        }

        JsonNode? result = null;
        JsonObject? error = null;
        switch (method)
        {
            case "server/discover":
                Interlocked.Increment(ref _discoverRequests);
                if (GarbageDiscover)
                {
                    result = new JsonObject { ["hello"] = "this is not a discover result" };
                }
                else
                {
                    error = new JsonObject { ["code"] = -32601, ["message"] = "Method not found" };
                }

                break;
            case "initialize":
                Interlocked.Increment(ref _initializeRequests);
                result = new JsonObject
                {
                    ["protocolVersion"] = ForcedProtocolVersion ?? (string?)message["params"]?["protocolVersion"],
                    ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() },
                    ["serverInfo"] = new JsonObject { ["name"] = "protected-test-server", ["version"] = "1.0.0" },
                };
                break;
            case "ping":
                result = new JsonObject();
                break;
            case "tools/list":
                result = new JsonObject { ["tools"] = new JsonArray(new JsonObject { ["name"] = "echo", ["inputSchema"] = new JsonObject { ["type"] = "object" } }) };
                break;
            case "tools/call":
                Interlocked.Increment(ref _toolCallsExecuted);
                string text = "Echo: " + (string?)message["params"]?["arguments"]?["message"];
                result = new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) };
                break;
            default:
                error = new JsonObject { ["code"] = -32601, ["message"] = "Method not found" };
                break;
        }

        var answer = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id };
        answer[error is null ? "result" : "error"] = error ?? result;
        await WriteJsonAsync(response, 200, answer);
    }

    private async Task TokenAsync(HttpListenerRequest request, HttpListenerResponse response, string body)
    {
        Interlocked.Increment(ref _tokenRequests);
        TokenRequestArrived.TrySetResult();
        if (HoldTokenRequests is { } hold)
        {
            await hold.Task;
        }

        var form = System.Web.HttpUtility.ParseQueryString(body);
        string? grant = form["grant_type"];
        if (!GrantTypes.Contains(grant))
        {
            await RefuseAsync(response, 400, "unsupported_grant_type", $"grant {grant} is not offered");
            return;
        }

        string? authentication = Authenticate(request, form, out string? failure);
        if (authentication is null)
        {
            await RefuseAsync(response, 401, "invalid_client", failure!);
            return;
        }

        if (grant == "authorization_code" && (form["code"] != "the-code" || form["code_verifier"] is not { } verifier
            || Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != _codeChallenge))
        {
            await RefuseAsync(response, 400, "invalid_grant", "wrong code or PKCE verifier");
            return;
        }

        if (grant == "urn:ietf:params:oauth:grant-type:jwt-bearer" && form["assertion"] != "id-jag-for:" + McpUri.AbsoluteUri)
        {
            await RefuseAsync(response, 400, "invalid_grant", "the assertion is not the ID-JAG the IdP issued for this resource");
            return;
        }

        ClientAuthentications.Enqueue(authentication);
        string token = $"at-{Interlocked.Increment(ref _tokenCount)}-{Guid.NewGuid():N}";
        _validTokens[token] = true;
        IssuedTokens.Enqueue(token);
        await WriteJsonAsync(response, 200, new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = ExpiresIn });
    }

    /// <summary>The IdP's RFC 8693 token exchange: the user's ID token for an ID-JAG naming the resource.</summary>
    private async Task IdpTokenAsync(HttpListenerResponse response, string body)
    {
        Interlocked.Increment(ref _tokenExchanges);
        var form = System.Web.HttpUtility.ParseQueryString(body);
        if (form["grant_type"] != "urn:ietf:params:oauth:grant-type:token-exchange" || form["subject_token"] != IdToken
            || form["requested_token_type"] != "urn:ietf:params:oauth:token-type:id-jag")
        {
            await RefuseAsync(response, 400, "invalid_request", "not a token exchange of the user's ID token for an ID-JAG");
            return;
        }

        await WriteJsonAsync(response, 200, new JsonObject
        {
            ["access_token"] = "id-jag-for:" + form["resource"],
            ["issued_token_type"] = "urn:ietf:params:oauth:token-type:id-jag",
            ["token_type"] = "N_A",
            ["expires_in"] = 300,
        });
    }

    /// <summary>Checks the client's authentication the way the advertised method requires; names it, or says why not.</summary>
    private string? Authenticate(HttpListenerRequest request, System.Collections.Specialized.NameValueCollection form, out string? failure)
    {
        failure = null;
        string? header = request.Headers["Authorization"];
        if (header is not null && header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            string[] pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            if (AuthMethods.Contains("client_secret_basic") && Uri.UnescapeDataString(pair[0]) == ClientId && Uri.UnescapeDataString(pair[1]) == ClientSecret)
            {
                return "client_secret_basic";
            }

            failure = "wrong client id or secret (basic)";
            return null;
        }

        if (form["client_assertion"] is { } assertion)
        {
            return AuthMethods.Contains("private_key_jwt") && VerifyAssertion(assertion, form["client_assertion_type"], out string algorithm, out failure)
                ? "private_key_jwt " + algorithm
                : null;
        }

        if (form["client_secret"] is { } secret)
        {
            if (AuthMethods.Contains("client_secret_post") && form["client_id"] == ClientId && secret == ClientSecret)
            {
                return "client_secret_post";
            }

            failure = "wrong client id or secret (post)";
            return null;
        }

        if (form["grant_type"] == "authorization_code" && form["client_id"] == RegisteredClientId)
        {
            return "none"; // a public client, registered dynamically
        }

        failure = "no client authentication";
        return null;
    }

    private bool VerifyAssertion(string assertion, string? type, out string algorithm, out string? failure)
    {
        algorithm = string.Empty;
        failure = null;
        string[] parts = assertion.Split('.');
        if (type != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" || parts.Length != 3)
        {
            failure = "not a JWT client assertion";
            return false;
        }

        using JsonDocument header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using JsonDocument claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        algorithm = header.RootElement.GetProperty("alg").GetString()!;
        byte[] data = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        byte[] signature = Base64Url.DecodeFromChars(parts[2]);
        bool valid = (algorithm, ClientKey) switch
        {
            ("ES256", ECDsa ec) => ec.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            ("RS256", RSA rsa) => rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => false,
        };
        JsonElement root = claims.RootElement;
        long exp = root.GetProperty("exp").GetInt64();
        if (!valid)
        {
            failure = "bad signature";
        }
        else if (root.GetProperty("iss").GetString() != ClientId || root.GetProperty("sub").GetString() != ClientId)
        {
            failure = "iss and sub must be the client id";
        }
        else if (root.GetProperty("aud").GetString() != Issuer)
        {
            failure = "aud must be the issuer";
        }
        else if (exp <= root.GetProperty("iat").GetInt64())
        {
            failure = "expired";
        }

        return failure is null;
    }

    private async Task RefuseAsync(HttpListenerResponse response, int status, string error, string description)
    {
        Refusals.Enqueue(description);
        await WriteJsonAsync(response, status, new JsonObject { ["error"] = error, ["error_description"] = description });
    }

    private static async Task WriteJsonAsync(HttpListenerResponse response, int status, JsonNode body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        response.StatusCode = status;
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
