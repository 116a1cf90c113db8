using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol.Protocol;

namespace McpSdk.Invocation;

/// <summary>The result readers generated proxies use, one per result shape.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ToolResultReaders
{
    /// <summary>For <c>Task</c>: checks the call succeeded and discards the content.</summary>
    public static ToolResultReader<CallToolResult> None { get; } = new NoneReader();

    /// <summary>For <c>Task&lt;string&gt;</c>: the text content blocks, joined by new lines.</summary>
    public static ToolResultReader<string> Text { get; } = new TextReader();

    /// <summary>For <c>Task&lt;CallToolResult&gt;</c>: the raw result, returned as is even when it is an error.</summary>
    public static ToolResultReader<CallToolResult> Raw { get; } = new RawReader();

    /// <summary>For any JSON type: <c>structuredContent</c> when present, else the JSON in the first text content block.</summary>
    /// <param name="typeInfo">The JSON metadata of the declared type.</param>
    /// <param name="allowNull">Whether the declared type is nullable, so that a JSON <c>null</c> is a valid answer.</param>
    public static ToolResultReader<T> Json<T>(JsonTypeInfo<T> typeInfo, bool allowNull) => new JsonReader<T>(typeInfo, allowNull);

    /// <summary>For <c>Task&lt;McpToolResult&lt;T&gt;&gt;</c>: the value as <paramref name="value"/> reads it, with the raw result.</summary>
    public static ToolResultReader<McpToolResult<T>> WithResult<T>(ToolResultReader<T> value) => new WithResultReader<T>(value);

    internal static void ThrowIfError(CallToolResult result, ToolMethod method)
    {
        if (result.IsError == true)
        {
            string text = JoinText(result);
            throw new McpToolException(method.ToolName, text.Length == 0 ? "(the error result had no text content)" : text, result);
        }
    }

    private static string JoinText(CallToolResult result)
    {
        string? single = null;
        StringBuilder? builder = null;
        foreach (ContentBlock block in result.Content)
        {
            if (block is not TextContentBlock text)
            {
                continue;
            }

            if (single is null)
            {
                single = text.Text;
            }
            else
            {
                builder ??= new StringBuilder(single);
                builder.Append('\n').Append(text.Text);
            }
        }

        return builder?.ToString() ?? single ?? string.Empty;
    }

    private static int IndexOfFirstText(CallToolResult result)
    {
        for (int i = 0; i < result.Content.Count; i++)
        {
            if (result.Content[i] is TextContentBlock)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class NoneReader : ToolResultReader<CallToolResult>
    {
        public override CallToolResult Read(CallToolResult result, ToolMethod method)
        {
            ThrowIfError(result, method);
            return result;
        }
    }

    private sealed class WithResultReader<T>(ToolResultReader<T> value) : ToolResultReader<McpToolResult<T>>
    {
        public override McpToolResult<T> Read(CallToolResult result, ToolMethod method) => new(value.Read(result, method), result);
    }

    private sealed class RawReader : ToolResultReader<CallToolResult>
    {
        public override CallToolResult Read(CallToolResult result, ToolMethod method) => result;
    }

    private sealed class TextReader : ToolResultReader<string>
    {
        public override string Read(CallToolResult result, ToolMethod method)
        {
            ThrowIfError(result, method);
            if (IndexOfFirstText(result) < 0)
            {
                throw new McpResultMismatchException(method.ToolName, "$.content", typeof(string), "the result has no text content", result);
            }

            return JoinText(result);
        }
    }

    private sealed class JsonReader<T>(JsonTypeInfo<T> typeInfo, bool allowNull) : ToolResultReader<T>
    {
        public override T Read(CallToolResult result, ToolMethod method)
        {
            ThrowIfError(result, method);
            if (result.StructuredContent is { ValueKind: not JsonValueKind.Undefined } structured)
            {
                return Deserialize(structured, "$.structuredContent", result, method);
            }

            int index = IndexOfFirstText(result);
            if (index < 0)
            {
                throw new McpResultMismatchException(
                    method.ToolName, "$", typeof(T), "the result has neither structuredContent nor text content", result);
            }

            string basePath = $"$.content[{index}].text";
            string text = ((TextContentBlock)result.Content[index]).Text;
            try
            {
                T? value = JsonSerializer.Deserialize(text, typeInfo);
                // A null passes only when the generator saw a nullable declared type.
                return value is null && !allowNull ? throw NullMismatch(basePath, result, method) : value!;
            }
            catch (JsonException exception)
            {
                throw Mismatch(basePath, exception, result, method);
            }
        }

        private T Deserialize(JsonElement element, string basePath, CallToolResult result, ToolMethod method)
        {
            try
            {
                T? value = element.Deserialize(typeInfo);
                // A null passes only when the generator saw a nullable declared type.
                return value is null && !allowNull ? throw NullMismatch(basePath, result, method) : value!;
            }
            catch (JsonException exception)
            {
                throw Mismatch(basePath, exception, result, method);
            }
        }

        private static McpResultMismatchException NullMismatch(string path, CallToolResult result, ToolMethod method) =>
            new(method.ToolName, path, typeof(T), "the value is null but the declared type is not nullable", result);

        private static McpResultMismatchException Mismatch(string basePath, JsonException exception, CallToolResult result, ToolMethod method)
        {
            // JsonException.Path is relative to the value read ("$.temperature"); make it relative to the result.
            string relative = exception.Path is { Length: > 1 } path && path[0] == '$' ? path[1..] : string.Empty;
            string reason = exception.Message;
            return new McpResultMismatchException(method.ToolName, basePath + relative, typeof(T), reason, result, exception);
        }
    }
}
