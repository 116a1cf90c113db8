using System;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Authorization;
using ModelContextProtocol.Authentication;

namespace McpSdk;

/// <summary>
/// The interactive authorization step for desktop and command-line apps (RFC 8252): listens on the loopback redirect
/// URI (e.g. <c>http://127.0.0.1:8765/callback</c>), opens the authorization URL in the user's browser, and returns
/// what the authorization server sends back to the listener.
/// </summary>
public sealed class LoopbackAuthorizationCallback : IMcpAuthorizationCallback
{
    private static readonly byte[] s_done = Encoding.UTF8.GetBytes(
        "<!doctype html><title>Authorized</title><p>Authorization finished. You can close this window.</p>");

    private readonly Func<Uri, CancellationToken, Task> _openBrowser;

    /// <summary>Creates the callback.</summary>
    /// <param name="openBrowser">
    /// Sends the user to the authorization URL; <see langword="null"/> opens the system's default browser.
    /// </param>
    public LoopbackAuthorizationCallback(Func<Uri, CancellationToken, Task>? openBrowser = null) =>
        _openBrowser = openBrowser ?? OpenSystemBrowser;

    /// <summary>How long to wait for the browser to come back; 5 minutes by default.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock that measures <see cref="Timeout"/>; <see cref="System.TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <inheritdoc/>
    public async Task<AuthorizationResult?> AuthorizeAsync(AuthorizationCallbackContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Uri redirect = context.RedirectUri;
        if (redirect.Scheme != Uri.UriSchemeHttp || !redirect.IsLoopback)
        {
            throw new ArgumentException(
                $"A loopback authorization needs an http redirect URI on 127.0.0.1, [::1] or localhost; got '{redirect.GetLeftPart(UriPartial.Path)}'.", nameof(context));
        }

        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://{redirect.Authority}/");
        listener.Start();

        using var deadline = new CancellationTokenSource(Timeout, TimeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        await using CancellationTokenRegistration stop = timeout.Token.Register(static state => ((HttpListener)state!).Stop(), listener);

        await _openBrowser(context.AuthorizationUri, timeout.Token).ConfigureAwait(false);
        while (true)
        {
            HttpListenerContext request;
            try
            {
                request = await listener.GetContextAsync().ConfigureAwait(false);
            }
            // InvalidOperationException: the deadline stopped the listener before it was asked for a request.
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException && timeout.IsCancellationRequested)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"No authorization came back to {redirect.GetLeftPart(UriPartial.Path)} within {Timeout.TotalSeconds:0} s.", error);
            }

            Uri? received = request.Request.Url;
            bool isRedirect = received is not null && string.Equals(received.AbsolutePath, redirect.AbsolutePath, StringComparison.Ordinal);
            request.Response.StatusCode = isRedirect ? 200 : 404;
            if (isRedirect)
            {
                request.Response.ContentType = "text/html; charset=utf-8";
                await request.Response.OutputStream.WriteAsync(s_done, timeout.Token).ConfigureAwait(false);
            }

            request.Response.Close();
            if (isRedirect)
            {
                return AuthorizationRedirect.Read(received!);
            }
        }
    }

    private static Task OpenSystemBrowser(Uri uri, CancellationToken cancellationToken)
    {
        using Process? _ = Process.Start(new ProcessStartInfo(uri.AbsoluteUri) { UseShellExecute = true });
        return Task.CompletedTask;
    }
}
