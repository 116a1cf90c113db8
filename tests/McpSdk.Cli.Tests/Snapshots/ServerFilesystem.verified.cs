// Scaffolded by 'mcpsdk scaffold' from the MCP server secure-filesystem-server 0.2.0 (14 tools).
// This file is yours to edit: rename methods, return Task<string> from tools that answer with text, and add policies
// such as [Timeout] or [Retry]. 'mcpsdk check' reports where the server's tools have drifted from it.
#nullable enable

using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using McpSdk;

namespace Scaffolded.Filesystem;

/// <summary>The tools of the MCP server secure-filesystem-server 0.2.0.</summary>
[McpClient(JsonContext = typeof(SecureFilesystemToolsJsonContext))]
public interface ISecureFilesystemTools
{
    /// <summary>Read the complete contents of a file as text. DEPRECATED: Use read_text_file instead.</summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="tail">If provided, returns only the last N lines of the file</param>
    /// <param name="head">If provided, returns only the first N lines of the file</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("read_file")]
    Task<ReadFileResult> ReadFileAsync(
        string path,
        double? tail = null,
        double? head = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Read the complete contents of a file from the file system as text. Handles various text encodings and provides
    /// detailed error messages if the file cannot be read. Use this tool when you need to examine the contents of a
    /// single file. Use the 'head' parameter to read only the first N lines of a file, or the 'tail' parameter to read
    /// only the last N lines of a file. Operates on the file as text regardless of extension. Only works within allowed
    /// directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="tail">If provided, returns only the last N lines of the file</param>
    /// <param name="head">If provided, returns only the first N lines of the file</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("read_text_file")]
    Task<ReadTextFileResult> ReadTextFileAsync(
        string path,
        double? tail = null,
        double? head = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Read a file and return it as a base64-encoded content block with its MIME type. Image and audio files are
    /// returned as image/audio content; any other file type is returned as an embedded resource. Only works within
    /// allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("read_media_file")]
    Task<ReadMediaFileResult> ReadMediaFileAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Read the contents of multiple files simultaneously. This is more efficient than reading files one by one when
    /// you need to analyze or compare multiple files. Each file's content is returned with its path as a reference.
    /// Failed reads for individual files won't stop the entire operation. Only works within allowed directories.
    /// </summary>
    /// <param name="paths">Array of file paths to read. Each path must be a string pointing to a valid file within allowed directories.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("read_multiple_files")]
    Task<ReadMultipleFilesResult> ReadMultipleFilesAsync(
        IReadOnlyList<string> paths,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Create a new file or completely overwrite an existing file with new content. Use with caution as it will
    /// overwrite existing files without warning. Handles text content with proper encoding. Only works within allowed
    /// directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="content">The <c>content</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("write_file")]
    Task<WriteFileResult> WriteFileAsync(string path, string content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Make line-based edits to a text file. Each edit replaces exact line sequences with new content. Returns a
    /// git-style diff showing the changes made. Only works within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="edits">The <c>edits</c> argument.</param>
    /// <param name="dryRun">Preview changes using git-style diff format. When omitted, the server uses <c>false</c>.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("edit_file")]
    Task<EditFileResult> EditFileAsync(
        string path,
        IReadOnlyList<Edit> edits,
        bool? dryRun = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Create a new directory or ensure a directory exists. Can create multiple nested directories in one operation. If
    /// the directory already exists, this operation will succeed silently. Perfect for setting up directory structures
    /// for projects or ensuring required paths exist. Only works within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("create_directory")]
    Task<CreateDirectoryResult> CreateDirectoryAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Get a detailed listing of all files and directories in a specified path. Results clearly distinguish between
    /// files and directories with [FILE] and [DIR] prefixes. This tool is essential for understanding directory
    /// structure and finding specific files within a directory. Only works within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("list_directory")]
    Task<ListDirectoryResult> ListDirectoryAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Get a detailed listing of all files and directories in a specified path, including sizes. Results clearly
    /// distinguish between files and directories with [FILE] and [DIR] prefixes. This tool is useful for understanding
    /// directory structure and finding specific files within a directory. Only works within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="sortBy">Sort entries by name or size. When omitted, the server uses <c>"name"</c>.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("list_directory_with_sizes")]
    Task<ListDirectoryWithSizesResult> ListDirectoryWithSizesAsync(
        string path,
        SortBy? sortBy = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Get a recursive tree view of files and directories as a JSON structure. Each entry includes 'name', 'type'
    /// (file/directory), and 'children' for directories. Files have no children array, while directories always have a
    /// children array (which may be empty). The output is formatted with 2-space indentation for readability. Only
    /// works within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="excludePatterns">The <c>excludePatterns</c> argument. When omitted, the server uses <c>[]</c>.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("directory_tree")]
    Task<DirectoryTreeResult> DirectoryTreeAsync(
        string path,
        IReadOnlyList<string>? excludePatterns = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Move or rename files and directories. Can move files between directories and rename them in a single operation.
    /// If the destination exists, the operation will fail. Works across different directories and can be used for
    /// simple renaming within the same directory. Both source and destination must be within allowed directories.
    /// </summary>
    /// <param name="source">The <c>source</c> argument.</param>
    /// <param name="destination">The <c>destination</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("move_file")]
    Task<MoveFileResult> MoveFileAsync(
        string source,
        string destination,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Recursively search for files and directories matching a pattern. The patterns should be glob-style patterns that
    /// match paths relative to the working directory. Use pattern like '*.ext' to match files in current directory, and
    /// '**/*.ext' to match files in all subdirectories. Returns full paths to all matching items. Great for finding
    /// files when you don't know their exact location. Only searches within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="pattern">The <c>pattern</c> argument.</param>
    /// <param name="excludePatterns">The <c>excludePatterns</c> argument. When omitted, the server uses <c>[]</c>.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("search_files")]
    Task<SearchFilesResult> SearchFilesAsync(
        string path,
        string pattern,
        IReadOnlyList<string>? excludePatterns = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Retrieve detailed metadata about a file or directory. Returns comprehensive information including size, creation
    /// time, last modified time, permissions, and type. This tool is perfect for understanding file characteristics
    /// without reading the actual content. Only works within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("get_file_info")]
    Task<GetFileInfoResult> GetFileInfoAsync(string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the list of directories that this server is allowed to access. Subdirectories within these allowed
    /// directories are also accessible. Use this to understand which directories and their nested paths are available
    /// before trying to access files.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("list_allowed_directories")]
    Task<ListAllowedDirectoriesResult> ListAllowedDirectoriesAsync(CancellationToken cancellationToken = default);
}

/// <summary>What <c>read_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record ReadFileResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>read_text_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record ReadTextFileResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>read_media_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record ReadMediaFileResult(
    [property: JsonPropertyName("content")] IReadOnlyList<JsonElement> Content);

/// <summary>What <c>read_multiple_files</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record ReadMultipleFilesResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>write_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record WriteFileResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>The shape of an item of the <c>edits</c> argument of <c>edit_file</c>.</summary>
/// <param name="OldText">Text to search for - must match exactly</param>
/// <param name="NewText">Text to replace with</param>
public sealed record Edit(
    [property: JsonPropertyName("oldText")] string OldText,
    [property: JsonPropertyName("newText")] string NewText);

/// <summary>What <c>edit_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record EditFileResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>create_directory</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record CreateDirectoryResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>list_directory</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record ListDirectoryResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>list_directory_with_sizes</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record ListDirectoryWithSizesResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>directory_tree</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record DirectoryTreeResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>move_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record MoveFileResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>search_files</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SearchFilesResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>get_file_info</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record GetFileInfoResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>list_allowed_directories</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record ListAllowedDirectoriesResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>The values of the <c>sortBy</c> argument of <c>list_directory_with_sizes</c>.</summary>
public enum SortBy
{
    /// <summary><c>name</c> on the wire.</summary>
    name,
    /// <summary><c>size</c> on the wire.</summary>
    size,
}

/// <summary>
/// JSON metadata for the types of <see cref="ISecureFilesystemTools"/>, written at build time by System.Text.Json's
/// source generator, so the client needs no reflection (trimmed and Native AOT applications).
/// </summary>
[JsonSerializable(typeof(ReadFileResult))]
[JsonSerializable(typeof(ReadTextFileResult))]
[JsonSerializable(typeof(ReadMediaFileResult))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(ReadMultipleFilesResult))]
[JsonSerializable(typeof(WriteFileResult))]
[JsonSerializable(typeof(IReadOnlyList<Edit>))]
[JsonSerializable(typeof(EditFileResult))]
[JsonSerializable(typeof(CreateDirectoryResult))]
[JsonSerializable(typeof(ListDirectoryResult))]
[JsonSerializable(typeof(SortBy))]
[JsonSerializable(typeof(ListDirectoryWithSizesResult))]
[JsonSerializable(typeof(DirectoryTreeResult))]
[JsonSerializable(typeof(MoveFileResult))]
[JsonSerializable(typeof(SearchFilesResult))]
[JsonSerializable(typeof(GetFileInfoResult))]
[JsonSerializable(typeof(ListAllowedDirectoriesResult))]
[JsonSerializable(typeof(Edit))]
internal sealed partial class SecureFilesystemToolsJsonContext : JsonSerializerContext;
