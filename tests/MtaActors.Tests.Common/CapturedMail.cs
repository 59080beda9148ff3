using System.Collections.Immutable;
using MimeKit;

namespace MtaActors.Tests.Common;

/// <summary>One message a <see cref="CapturingSmtpServer"/> accepted: its envelope, its octets and the session it came in.</summary>
public sealed record CapturedMail(string From, ImmutableArray<string> To, byte[] Data, int Session)
{
    public MimeMessage Parse()
    {
        using var stream = new MemoryStream(Data, writable: false);
        return MimeMessage.Load(stream);
    }
}
