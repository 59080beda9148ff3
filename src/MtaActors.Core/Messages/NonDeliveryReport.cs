using System.Globalization;
using System.Text;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Messages;

/// <summary>
/// Builds non-delivery reports. A report's id is derived from the original id and the failed recipients, so a
/// report produced again after a restart has the same id and is de-duplicated like any retransmission.
/// Reports are never written about reports (that is how report storms start).
/// </summary>
public static class NonDeliveryReport
{
    public static bool ShouldReport(Message original) => original.Class != MessageClass.Report;

    public static Message Create(Message original, IReadOnlyList<FailedRecipient> failures, Address postmaster, DateTimeOffset now, TimeSpan expiry)
    {
        var body = new StringBuilder()
            .Append("Your message could not be delivered to the following recipients.\n\n");
        foreach (var failure in failures)
        {
            body.Append(CultureInfo.InvariantCulture, $"  {failure.Recipient.Value}: {Describe(failure.Reason)} ({failure.Detail})\n");
        }

        body.Append(CultureInfo.InvariantCulture, $"\nOriginal message: {original.Id}, submitted {original.SubmittedAt:O}, subject \"{original.Subject}\"\n");
        var id = ReportId(original.Id, failures);
        var subject = "Undeliverable: " + original.Subject;
        var text = body.ToString();
        return new Message
        {
            Id = id,
            Originator = postmaster,
            Recipients = [original.Originator],
            Priority = original.Priority,
            Class = MessageClass.Report,
            SubmittedAt = now,
            ExpiresAt = now + expiry,
            Subject = subject,
            Body = text,
            SizeBytes = Encoding.UTF8.GetByteCount(subject) + Encoding.UTF8.GetByteCount(text),
            ContentChecksum = ContentChecksum.Compute(id, subject, text),
            ReportsOn = original.Id,
        };
    }

    public static string Describe(NonDeliveryReason reason) => reason switch
    {
        NonDeliveryReason.MalformedAddress => "the address is malformed",
        NonDeliveryReason.UnknownRecipient => "no such recipient at this site",
        NonDeliveryReason.NoRoute => "no route to the address",
        NonDeliveryReason.Expired => "the message expired before it could be delivered",
        NonDeliveryReason.Loop => "the message was looping between MTAs",
        NonDeliveryReason.Removed => "removed by an administrator",
        NonDeliveryReason.RemoteRefused => "the next mail server refused the recipient",
        _ => reason.ToString(),
    };

    private static string ReportId(string originalId, IReadOnlyList<FailedRecipient> failures)
    {
        var hash = 2166136261u;
        foreach (var value in failures.Select(f => f.Recipient.Value).Order(StringComparer.Ordinal))
        {
            foreach (var c in value)
            {
                hash = unchecked((hash ^ c) * 16777619);
            }

            hash = unchecked((hash ^ '\n') * 16777619);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{originalId}.ndr.{hash:x8}");
    }
}
