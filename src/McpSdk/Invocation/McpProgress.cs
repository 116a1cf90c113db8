namespace McpSdk;

/// <summary>A progress notification that the server sent for a running tool call.</summary>
/// <param name="Progress">How far the operation has come; grows with every notification.</param>
/// <param name="Total">The value <paramref name="Progress"/> reaches when done, if the server knows it.</param>
/// <param name="Message">A human-readable description of the current step, if the server sent one.</param>
public readonly record struct McpProgress(double Progress, double? Total, string? Message);
