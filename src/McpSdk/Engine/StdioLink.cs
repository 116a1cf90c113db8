using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using McpSdk.Endpoints;
using McpSdk.Sessions;

namespace McpSdk.Engine;

/// <summary>
/// A child process spoken to over its standard input and output: newline-delimited JSON-RPC, read by a dedicated thread
/// with blocking reads, written in batches. The last lines of its standard error are kept for messages.
/// </summary>
internal sealed class StdioLink : IMessageLink
{
    private const long NotExited = long.MinValue;

    // How long a server gets to exit after its standard input closes before it (and its children) are killed.
    private static readonly TimeSpan s_exitGrace = TimeSpan.FromSeconds(2);

    private readonly Process _process;
    private readonly string _name;
    private readonly int _maxMessageSize;
    private readonly ManualResetEventSlim _standardErrorEnded = new();
    private LineReader _lines = null!;
    private long _exitCode = NotExited;
    private ILinkReader? _reader;
    private int _ended;
    private int _disposed;

    private StdioLink(Process process, string name, int maxMessageSize)
    {
        _process = process;
        _name = name;
        _maxMessageSize = maxMessageSize;
    }

    public LineWriter Writer { get; private set; } = null!;

    public string? SessionId => null;

    public void Send(ReadOnlySpan<byte> message, long requestId) => Writer.Send(message);

    public void OnInitialized(string protocolVersion)
    {
        // Stdio states the version once, in initialize.
    }

    public LinkEnd DescribeEnd() => new(ExitCode, StandardError.Snapshot());

    public StandardErrorTail StandardError { get; } = new();

    /// <summary>The process's exit code once it has exited and been reaped.</summary>
    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and not NotExited ? (int)code : null;

    /// <summary>Starts <paramref name="start"/>'s process; its output is not read until <see cref="Start"/>.</summary>
    /// <exception cref="Win32Exception">The program could not be started (not found, not executable).</exception>
    public static StdioLink Launch(ProcessStartInfo start, string name, int maxMessageSize)
    {
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.CreateNoWindow = true;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var link = new StdioLink(process, name, maxMessageSize);
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                link.StandardError.Add(line.Data);
            }
            else
            {
                link._standardErrorEnded.Set();
            }
        };

        process.Exited += (_, _) =>
        {
            try
            {
                Volatile.Write(ref link._exitCode, process.ExitCode);
            }
            catch (InvalidOperationException)
            {
                // Disposed meanwhile: the code is nobody's concern any more.
            }
        };

        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }

        link.Writer = new LineWriter(process.StandardInput.BaseStream, error => link.End($"writing to the server failed ({error.Message})", error));
        link._lines = new LineReader(process.StandardOutput.BaseStream, link.Writer, link._maxMessageSize);
        process.BeginErrorReadLine();
        return link;
    }

    /// <summary>Starts the reader thread, which delivers every message to <paramref name="reader"/>.</summary>
    public void Start(ILinkReader reader)
    {
        _reader = reader;
        var thread = new Thread(static state => ((StdioLink)state!).ReadLoop())
        {
            IsBackground = true,
            Name = "McpSdk stdio reader",
        };
        thread.UnsafeStart(this);
    }

    private void ReadLoop()
    {
        try
        {
            ReadToEnd();
        }
        catch (Exception error)
        {
            // Nothing may escape a thread of our own: it would end the application.
            End($"the session's reader failed ({error.GetType().Name}: {error.Message})", error);
        }
    }

    private void ReadToEnd()
    {
        Exception? failure = _lines.Run(_reader!);
        if (failure is McpMessageTooLargeException tooLarge)
        {
            End(tooLarge.Message, tooLarge);
            Kill();
            return;
        }

        if (failure is null && Volatile.Read(ref _disposed) == 0)
        {
            // End of output: the server exited or closed it. Give the exit a moment to be reaped for its code, and its
            // last words on standard error a moment to arrive (bounded: a child it left behind may hold the pipe open).
            if (_process.WaitForExit(500))
            {
                Volatile.Write(ref _exitCode, _process.ExitCode);
            }

            _standardErrorEnded.Wait(500);
        }

        End(failure is null ? DescribeExit() : $"reading from the server failed ({failure.Message})", failure);
    }

    /// <summary>"the server process exited with code 1", or that it closed its output.</summary>
    public string DescribeExit() => ExitCode is int code
        ? new SessionEnd(code, StandardError.Snapshot(), null).DescribeWithLastError()
        : "the server process closed its standard output";

    private void End(string reason, Exception? error)
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _reader?.OnEnded(Volatile.Read(ref _disposed) != 0 ? "the session was closed" : reason, error);
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception error) when (error is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already exited.
        }
    }

    /// <summary>Closes the server's standard input, gives it <see cref="s_exitGrace"/> to exit, then kills it and its children.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await Writer.DisposeAsync().ConfigureAwait(false);
        try
        {
            using var grace = new CancellationTokenSource(s_exitGrace);
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        End("the session was closed", null);
        _process.Dispose();
    }

    public override string ToString() => _name;

    /// <summary>The start info for a server's command (arguments as a vector, never through a shell).</summary>
    public static ProcessStartInfo StartInfo(string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory)
    {
        var start = new ProcessStartInfo(command);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (environment is not null)
        {
            foreach (KeyValuePair<string, string?> pair in environment)
            {
                if (pair.Value is null)
                {
                    start.Environment.Remove(pair.Key);
                }
                else
                {
                    start.Environment[pair.Key] = pair.Value;
                }
            }
        }

        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }

        return start;
    }
}
