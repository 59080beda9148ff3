using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MtaActors.Tests.Common;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a free loopback port that keeps what it receives, for specs of mail
/// leaving MtaActors. <see cref="RefuseRecipient"/> and <see cref="AnswerData"/> choose refusals; it counts sessions and
/// the most that were open at once.
/// </summary>
public sealed class CapturingSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly ConcurrentQueue<CapturedMail> _mail = new();
    private int _sessions;
    private int _open;
    private int _mostOpen;
    private int _transactions;

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CapturingSmtpServer(int port)
    {
        Port = port;
        var services = new ServiceProvider();
        services.Add(new Filter(this));
        services.Add(new Store(this));
        var endpoints = new EndpointListenerFactory();
        endpoints.EndpointStarted += (_, _) => _listening.TrySetResult();
        services.Add(endpoints);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("capture.test")
            .Endpoint(builder => builder.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, e) =>
        {
            e.Context.Properties["capture-session"] = Interlocked.Increment(ref _sessions);
            var open = Interlocked.Increment(ref _open);
            int most;
            while (open > (most = Volatile.Read(ref _mostOpen)) && Interlocked.CompareExchange(ref _mostOpen, open, most) != most)
            {
            }
        };
        server.SessionCompleted += (_, _) => Interlocked.Decrement(ref _open);
        server.SessionFaulted += (_, _) => Interlocked.Decrement(ref _open);
        server.SessionCancelled += (_, _) => Interlocked.Decrement(ref _open);
        _running = Task.Run(() => server.StartAsync(_stop.Token));
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>A reply for RCPT TO of a recipient (lower-case address), or null to accept it.</summary>
    public Func<string, SmtpResponse?> RefuseRecipient { get; set; } = _ => null;

    /// <summary>A reply after DATA for the n-th transaction (1-based), or null to accept the message.</summary>
    public Func<int, SmtpResponse?> AnswerData { get; set; } = _ => null;

    public IReadOnlyList<CapturedMail> Mail => [.. _mail];

    /// <summary>Connections accepted so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    /// <summary>The most connections that were open at one time.</summary>
    public int MostOpenAtOnce => Volatile.Read(ref _mostOpen);

    /// <summary>Starts one and waits (bounded) until it listens.</summary>
    public static async Task<CapturingSmtpServer> StartAsync()
    {
        var server = new CapturingSmtpServer(FreePort.Next());
        await server._listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    public static SmtpResponse Reply(int code, string text) => new((SmtpReplyCode)code, text);

    /// <summary>Waits (bounded) until at least <paramref name="count"/> messages have arrived.</summary>
    public async Task<IReadOnlyList<CapturedMail>> WaitForAsync(int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (_mail.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{_mail.Count} of {count} messages arrived within {within}");
            }

            await Task.Delay(50);
        }

        return Mail;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Filter(CapturingSmtpServer owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (owner.RefuseRecipient($"{to.User}@{to.Host}".ToLowerInvariant()) is { } refusal)
            {
                throw new SmtpResponseException(refusal);
            }

            return Task.FromResult(true);
        }
    }

    private sealed class Store(CapturingSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref owner._transactions);
            if (owner.AnswerData(number) is { } answer)
            {
                return Task.FromResult(answer);
            }

            var from = transaction.From is { } sender && !string.IsNullOrEmpty(sender.User) ? $"{sender.User}@{sender.Host}" : "";
            var to = transaction.To.Select(t => $"{t.User}@{t.Host}".ToLowerInvariant()).ToImmutableArray();
            owner._mail.Enqueue(new CapturedMail(from, to, buffer.ToArray(), (int)context.Properties["capture-session"]));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
