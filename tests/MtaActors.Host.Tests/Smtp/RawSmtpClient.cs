using System.Net.Sockets;
using System.Text;

namespace MtaActors.Host.Tests.Smtp;

/// <summary>A bare TCP client for what real clients never do (stay silent, send over-long lines, VRFY), reading whole replies.</summary>
internal sealed class RawSmtpClient : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly StringBuilder _pending = new();

    private RawSmtpClient(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawSmtpClient> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(10));
        return new RawSmtpClient(client);
    }

    public async Task SendAsync(string line) => await _stream.WriteAsync(Encoding.Latin1.GetBytes(line + "\r\n"));

    /// <summary>The next complete reply (its last line, which carries the code), or null when the server closed the connection.</summary>
    public async Task<string?> ReplyAsync(TimeSpan? timeout = null)
    {
        using var bound = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        var buffer = new byte[4096];
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf("\r\n", StringComparison.Ordinal);
            while (end >= 0)
            {
                var line = text[..end];
                text = text[(end + 2)..];
                if (line.Length < 4 || line[3] != '-')
                {
                    _pending.Clear().Append(text);
                    return line;
                }

                end = text.IndexOf("\r\n", StringComparison.Ordinal);
            }

            var read = await _stream.ReadAsync(buffer, bound.Token);
            if (read == 0)
            {
                return null;
            }

            _pending.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }
    }

    /// <summary>Sends a line and returns the reply to it.</summary>
    public async Task<string?> AskAsync(string line)
    {
        await SendAsync(line);
        return await ReplyAsync();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
