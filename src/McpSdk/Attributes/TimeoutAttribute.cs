using System;

namespace McpSdk;

/// <summary>
/// A per-call deadline that covers both the wait in the queue and the execution. When it passes, the server
/// request is cancelled and the call fails with <see cref="McpSdkTimeoutException"/>.
/// On an interface it is the default for its methods.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class TimeoutAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="milliseconds">The deadline in milliseconds; more than 0.</param>
    public TimeoutAttribute(int milliseconds) => Milliseconds = milliseconds;

    /// <summary>The deadline in milliseconds.</summary>
    public int Milliseconds { get; }
}
