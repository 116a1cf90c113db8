// Scaffolded by 'mcpsdk scaffold' from the MCP server secure-filesystem-server 0.2.0 (14 tools).
// This file is yours to edit: rename methods and types, and add policies such as [Timeout] or [Retry].
// Tools without an output schema return their text content; one that answers with images or resources needs
// Task<CallToolResult> (or scaffold with --raw-results). 'mcpsdk check' reports where the server has drifted from it.
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
    Task<SecureFilesystemReadFileResult> ReadFileAsync(
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
    Task<SecureFilesystemReadTextFileResult> ReadTextFileAsync(
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
    Task<SecureFilesystemReadMediaFileResult> ReadMediaFileAsync(
        string path,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Read the contents of multiple files simultaneously. This is more efficient than reading files one by one when
    /// you need to analyze or compare multiple files. Each file's content is returned with its path as a reference.
    /// Failed reads for individual files won't stop the entire operation. Only works within allowed directories.
    /// </summary>
    /// <param name="paths">
    /// Array of file paths to read. Each path must be a string pointing to a valid file within allowed directories.
    /// </param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("read_multiple_files")]
    Task<SecureFilesystemReadMultipleFilesResult> ReadMultipleFilesAsync(
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
    Task<SecureFilesystemWriteFileResult> WriteFileAsync(
        string path,
        string content,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Make line-based edits to a text file. Each edit replaces exact line sequences with new content. Returns a
    /// git-style diff showing the changes made. Only works within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="edits">The <c>edits</c> argument.</param>
    /// <param name="dryRun">
    /// Preview changes using git-style diff format. When omitted, the server uses <c>false</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("edit_file")]
    Task<SecureFilesystemEditFileResult> EditFileAsync(
        string path,
        IReadOnlyList<SecureFilesystemEdit> edits,
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
    Task<SecureFilesystemCreateDirectoryResult> CreateDirectoryAsync(
        string path,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Get a detailed listing of all files and directories in a specified path. Results clearly distinguish between
    /// files and directories with [FILE] and [DIR] prefixes. This tool is essential for understanding directory
    /// structure and finding specific files within a directory. Only works within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("list_directory")]
    Task<SecureFilesystemListDirectoryResult> ListDirectoryAsync(
        string path,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Get a detailed listing of all files and directories in a specified path, including sizes. Results clearly
    /// distinguish between files and directories with [FILE] and [DIR] prefixes. This tool is useful for understanding
    /// directory structure and finding specific files within a directory. Only works within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="sortBy">Sort entries by name or size. When omitted, the server uses <c>"name"</c>.</param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("list_directory_with_sizes")]
    Task<SecureFilesystemListDirectoryWithSizesResult> ListDirectoryWithSizesAsync(
        string path,
        SecureFilesystemSortBy? sortBy = null,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Get a recursive tree view of files and directories as a JSON structure. Each entry includes 'name', 'type'
    /// (file/directory), and 'children' for directories. Files have no children array, while directories always have a
    /// children array (which may be empty). The output is formatted with 2-space indentation for readability. Only
    /// works within allowed directories.
    /// </summary>
    /// <param name="path">The <c>path</c> argument.</param>
    /// <param name="excludePatterns">
    /// The <c>excludePatterns</c> argument. When omitted, the server uses <c>[]</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("directory_tree")]
    Task<SecureFilesystemDirectoryTreeResult> DirectoryTreeAsync(
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
    Task<SecureFilesystemMoveFileResult> MoveFileAsync(
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
    /// <param name="excludePatterns">
    /// The <c>excludePatterns</c> argument. When omitted, the server uses <c>[]</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("search_files")]
    Task<SecureFilesystemSearchFilesResult> SearchFilesAsync(
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
    Task<SecureFilesystemGetFileInfoResult> GetFileInfoAsync(
        string path,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns the list of directories that this server is allowed to access. Subdirectories within these allowed
    /// directories are also accessible. Use this to understand which directories and their nested paths are available
    /// before trying to access files.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call (the server is sent <c>notifications/cancelled</c>).</param>
    [McpTool("list_allowed_directories")]
    Task<SecureFilesystemListAllowedDirectoriesResult> ListAllowedDirectoriesAsync(
        CancellationToken cancellationToken = default);
}

/// <summary>What <c>read_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemReadFileResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>read_text_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemReadTextFileResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>read_media_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemReadMediaFileResult(
    [property: JsonPropertyName("content")] IReadOnlyList<JsonElement> Content);

/// <summary>What <c>read_multiple_files</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemReadMultipleFilesResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>write_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemWriteFileResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>The shape of an item of the <c>edits</c> argument of <c>edit_file</c>.</summary>
/// <param name="OldText">Text to search for - must match exactly</param>
/// <param name="NewText">Text to replace with</param>
public sealed record SecureFilesystemEdit(
    [property: JsonPropertyName("oldText")] string OldText,
    [property: JsonPropertyName("newText")] string NewText);

/// <summary>What <c>edit_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemEditFileResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>create_directory</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemCreateDirectoryResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>list_directory</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemListDirectoryResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>list_directory_with_sizes</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemListDirectoryWithSizesResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>directory_tree</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemDirectoryTreeResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>move_file</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemMoveFileResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>search_files</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemSearchFilesResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>get_file_info</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemGetFileInfoResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>What <c>list_allowed_directories</c> answers in <c>structuredContent</c>.</summary>
/// <param name="Content">The <c>content</c> member.</param>
public sealed record SecureFilesystemListAllowedDirectoriesResult(
    [property: JsonPropertyName("content")] string Content);

/// <summary>The values of the <c>sortBy</c> argument of <c>list_directory_with_sizes</c>.</summary>
public enum SecureFilesystemSortBy
{
    /// <summary><c>name</c> on the wire.</summary>
    [JsonStringEnumMemberName("name")]
    Name,
    /// <summary><c>size</c> on the wire.</summary>
    [JsonStringEnumMemberName("size")]
    Size,
}

/// <summary>
/// JSON metadata for the types of <see cref="ISecureFilesystemTools"/>, written at build time by System.Text.Json's
/// source generator, so the client needs no reflection (trimmed and Native AOT applications).
/// </summary>
[JsonSerializable(typeof(SecureFilesystemReadFileResult))]
[JsonSerializable(typeof(SecureFilesystemReadTextFileResult))]
[JsonSerializable(typeof(SecureFilesystemReadMediaFileResult))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(SecureFilesystemReadMultipleFilesResult))]
[JsonSerializable(typeof(SecureFilesystemWriteFileResult))]
[JsonSerializable(typeof(IReadOnlyList<SecureFilesystemEdit>))]
[JsonSerializable(typeof(SecureFilesystemEditFileResult))]
[JsonSerializable(typeof(SecureFilesystemCreateDirectoryResult))]
[JsonSerializable(typeof(SecureFilesystemListDirectoryResult))]
[JsonSerializable(typeof(SecureFilesystemSortBy))]
[JsonSerializable(typeof(SecureFilesystemListDirectoryWithSizesResult))]
[JsonSerializable(typeof(SecureFilesystemDirectoryTreeResult))]
[JsonSerializable(typeof(SecureFilesystemMoveFileResult))]
[JsonSerializable(typeof(SecureFilesystemSearchFilesResult))]
[JsonSerializable(typeof(SecureFilesystemGetFileInfoResult))]
[JsonSerializable(typeof(SecureFilesystemListAllowedDirectoriesResult))]
[JsonSerializable(typeof(SecureFilesystemEdit))]
internal sealed partial class SecureFilesystemToolsJsonContext : JsonSerializerContext;
