using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.WorkQueue;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.WorkQueue;

/// <summary>The id rule as a plain function: what is a duplicate, what is a conflict, and what a batch does with one.</summary>
public sealed class SubmissionRuleSpec
{
    private static Message Mail(string id, string to = "bob@lon.test", string subject = "hello", DateTimeOffset? at = null)
        => TestMessages.Create(new MessageDraft { Id = id, From = "alice@lon.test", To = [to], Subject = subject }, at);

    private static KnownSubmission? Nothing(string id) => null;

    [Fact]
    public void Fingerprint_ignores_what_the_mta_stamps_and_covers_what_was_asked_for()
    {
        var first = Mail("a", at: DateTimeOffset.UnixEpoch);
        var later = Mail("a", at: DateTimeOffset.UnixEpoch.AddHours(3)) with { Trace = [new Hop("PAR", "Paris", DateTimeOffset.UnixEpoch)] };

        Assert.Equal(SubmissionFingerprint.Of(first), SubmissionFingerprint.Of(later));
        Assert.NotEqual(SubmissionFingerprint.Of(first), SubmissionFingerprint.Of(Mail("a", to: "carol@par.test")));
        Assert.NotEqual(SubmissionFingerprint.Of(first), SubmissionFingerprint.Of(Mail("a", subject: "hello!")));
        Assert.NotEqual(SubmissionFingerprint.Of(first), SubmissionFingerprint.Of(first with { Priority = Priority.Urgent }));
        Assert.NotEqual(SubmissionFingerprint.Of(first), SubmissionFingerprint.Of(first with { SizeBytes = first.SizeBytes + 1 }));
        // Recipients are a set: another order (or spelling of one address) delivers the same.
        var two = first with { Recipients = [.. first.Recipients, Core.Addressing.Address.FromUserInput("carol@par.test")] };
        Assert.Equal(SubmissionFingerprint.Of(two), SubmissionFingerprint.Of(two with { Recipients = [Core.Addressing.Address.FromUserInput("Carol@PAR.test"), first.Recipients[0]] }));
    }

    [Fact]
    public void Received_fields_of_an_rfc5322_body_are_trace_not_content()
    {
        // Sized as the factory sizes an RFC 5322 message: its whole text, the stamped Received: line included.
        static Message Smtp(string received, string body)
        {
            var text = $"{received}Message-ID: <1@client>\r\nSubject: hi\r\n\r\n{body}\r\n";
            return Mail("s") with { Format = ContentFormat.Rfc5322, Body = text, SizeBytes = text.Length };
        }

        var first = Smtp("Received: from c ([127.0.0.1])\r\n\tby lon (MtaActors) with ESMTP id s;\r\n\tWed, 2 Dec 2026 12:00:00 +0000\r\n", "text");
        var retried = Smtp("Received: from c ([127.0.0.1])\r\n\tby lon (MtaActors) with ESMTP id s;\r\n\tWed, 2 Dec 2026 12:05:09 +0000\r\n", "text");
        // Sent again from another host of the client's pool, with another EHLO name, over TLS: a longer trace line.
        var fromElsewhere = Smtp("Received: from relay-2.mail.example ([209.85.221.5])\r\n\tby lon (MtaActors) with ESMTPS id s;\r\n\tWed, 2 Dec 2026 12:07:41 +0000\r\n", "text");

        Assert.Equal(SubmissionFingerprint.Of(first), SubmissionFingerprint.Of(retried));
        Assert.NotEqual(first.SizeBytes, fromElsewhere.SizeBytes);
        Assert.Equal(SubmissionFingerprint.Of(first), SubmissionFingerprint.Of(fromElsewhere));
        Assert.NotEqual(SubmissionFingerprint.Of(first), SubmissionFingerprint.Of(Smtp("Received: from c;\r\n\tWed, 2 Dec 2026 12:00:00 +0000\r\n", "other text")));
        Assert.NotEqual(SubmissionFingerprint.Of(first), SubmissionFingerprint.Of(first with { Body = first.Body.Replace("Subject: hi", "Subject: ho", StringComparison.Ordinal) }));
    }

    [Fact]
    public void Unknown_ids_are_accepted_and_journaled()
    {
        var decision = SubmissionRule.Decide([Mail("a"), Mail("b")], Nothing);

        Assert.Equal([SubmissionOutcome.Accepted, SubmissionOutcome.Accepted], decision.Results.Select(r => r.Outcome));
        Assert.Equal(["a", "b"], decision.Fresh.Select(m => m.Id));
    }

    [Fact]
    public void Known_id_with_the_same_content_is_a_duplicate_and_journals_nothing()
    {
        var known = new KnownSubmission(SubmissionFingerprint.Of(Mail("a")), "still queued");

        var decision = SubmissionRule.Decide([Mail("a", at: DateTimeOffset.UnixEpoch)], id => id == "a" ? known : null);

        Assert.Equal(new SubmittedMessage("a", SubmissionOutcome.Duplicate), Assert.Single(decision.Results));
        Assert.Empty(decision.Fresh);
    }

    [Fact]
    public void Known_id_with_other_recipients_is_a_conflict_naming_the_id()
    {
        var known = new KnownSubmission(SubmissionFingerprint.Of(Mail("a")), "still queued");

        var decision = SubmissionRule.Decide([Mail("a", to: "carol@par.test")], id => id == "a" ? known : null);

        var result = Assert.Single(decision.Results);
        Assert.Equal(SubmissionOutcome.Conflict, result.Outcome);
        Assert.Equal("id: 'a' is already taken by a different message (still queued); an id may be submitted again only with the same content", result.Reason);
        Assert.True(decision.Refused);
        Assert.Empty(decision.Fresh);
    }

    [Fact]
    public void One_conflict_refuses_the_whole_batch()
    {
        var known = new KnownSubmission(SubmissionFingerprint.Of(Mail("b")), "finished");

        var decision = SubmissionRule.Decide([Mail("a"), Mail("b", subject: "other"), Mail("c")], id => id == "b" ? known : null);

        Assert.Equal([SubmissionOutcome.NotAccepted, SubmissionOutcome.Conflict, SubmissionOutcome.NotAccepted], decision.Results.Select(r => r.Outcome));
        Assert.Empty(decision.Fresh);
    }

    [Fact]
    public void Id_repeated_in_a_batch_with_other_content_refuses_the_batch_naming_the_first()
    {
        var decision = SubmissionRule.Decide([Mail("a"), Mail("x"), Mail("a", to: "carol@par.test")], Nothing);

        Assert.Equal([SubmissionOutcome.NotAccepted, SubmissionOutcome.NotAccepted, SubmissionOutcome.Conflict], decision.Results.Select(r => r.Outcome));
        Assert.Equal("id: 'a' repeats message [0] of this batch with different content", decision.Results[2].Reason);
        Assert.Empty(decision.Fresh);
    }

    [Fact]
    public void Id_repeated_in_a_batch_with_the_same_content_is_journaled_once()
    {
        var decision = SubmissionRule.Decide([Mail("a"), Mail("a")], Nothing);

        Assert.Equal([SubmissionOutcome.Accepted, SubmissionOutcome.Duplicate], decision.Results.Select(r => r.Outcome));
        Assert.Equal(["a"], decision.Fresh.Select(m => m.Id));
    }
}
