using System.Threading;
using System.Threading.Tasks;
using ModelContextProtocol.Authentication;

namespace McpSdk;

/// <summary>
/// The user-facing step of the authorization-code flow: send the user agent to
/// <see cref="AuthorizationCallbackContext.AuthorizationUri"/> and return what the authorization server appended to
/// <see cref="AuthorizationCallbackContext.RedirectUri"/> (<c>code</c>, <c>state</c> and <c>iss</c>). The official
/// SDK checks state and issuer and exchanges the code.
/// </summary>
public interface IMcpAuthorizationCallback
{
    /// <summary>Runs the authorization step; <see langword="null"/> when the user declined or nothing came back.</summary>
    Task<AuthorizationResult?> AuthorizeAsync(AuthorizationCallbackContext context, CancellationToken cancellationToken);
}
