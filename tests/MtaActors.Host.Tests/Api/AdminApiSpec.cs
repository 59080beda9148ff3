using System.Text.Json;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;

namespace MtaActors.Host.Tests.Api;

public sealed class AdminApiSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Health_is_ok_once_the_engine_accepts_mail()
    {
        var (status, body) = await server.GetAsync("/health");

        Assert.Equal(200, status);
        Assert.Equal("ok", body.GetProperty("status").GetString());
        Assert.False(body.GetProperty("mtaDisabled").GetBoolean());
        Assert.Equal(1, body.GetProperty("quarantined").GetInt32());
    }

    [Fact]
    public async Task Health_says_when_the_mta_is_disabled()
    {
        await gateway.DisableAsync("site move", CancellationToken.None);

        var (status, body) = await server.GetAsync("/health");

        Assert.Equal(200, status);
        Assert.True(body.GetProperty("mtaDisabled").GetBoolean());
    }

    [Fact]
    public async Task Health_says_starting_with_503_while_the_engine_does_not_accept_mail()
    {
        gateway.IsAcceptingMail = false;

        var (status, body) = await server.GetAsync("/health");

        Assert.Equal(503, status);
        Assert.Equal("starting", body.GetProperty("status").GetString());
        Assert.False(body.TryGetProperty("mtaDisabled", out _));
    }

    [Fact]
    public async Task Submitting_a_message_answers_202_with_the_id_once_the_engine_accepted_it()
    {
        var (status, body) = await server.PostAsync("/api/messages", """
            {"from": "Alice@Lon.Test", "to": ["bob@par.test", "c=US;a= ;p=Org;o=Site;s=Smith"],
             "priority": "urgent", "class": "directory-replication", "subject": "hi", "body": "text", "sizeBytes": 5000}
            """);

        Assert.Equal(202, status);
        var message = Assert.Single(gateway.Submitted);
        Assert.Equal(message.Id, body.GetProperty("id").GetString());
        Assert.Equal("alice@lon.test", message.Originator.Value);
        Assert.Equal(2, message.Recipients.Length);
        Assert.Equal(Priority.Urgent, message.Priority);
        Assert.Equal(MessageClass.DirectoryReplication, message.Class);
        Assert.Equal("hi", message.Subject);
        Assert.Equal(5000, message.SizeBytes);
        Assert.Equal(FakeGateway.Now, message.SubmittedAt);
        Assert.Equal(FakeGateway.Now + gateway.DefaultExpiry, message.ExpiresAt);
    }

    [Fact]
    public async Task Client_chosen_id_and_times_are_kept()
    {
        var (status, body) = await server.PostAsync("/api/messages", """
            {"id": "client-42", "from": "alice@lon.test", "to": ["bob@par.test"],
             "deferredUntil": "2025-03-01T13:00:00Z", "expiresAt": "2025-03-02T00:00:00+01:00"}
            """);

        Assert.Equal(202, status);
        Assert.Equal("client-42", body.GetProperty("id").GetString());
        var message = Assert.Single(gateway.Submitted);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.Zero), message.DeferredUntil);
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 23, 0, 0, TimeSpan.Zero), message.ExpiresAt.ToUniversalTime());
    }

    [Fact]
    public async Task Malformed_recipient_is_accepted_to_be_answered_with_a_non_delivery_report()
    {
        var (status, _) = await server.PostAsync("/api/messages", """{"from": "alice@lon.test", "to": ["bob@@par.test", "carol@par.test"]}""");

        Assert.Equal(202, status);
        var message = Assert.Single(gateway.Submitted);
        Assert.Contains(message.Recipients, r => r.Type == AddressType.Invalid);
        Assert.Contains(message.Recipients, r => r.Value == "carol@par.test");
    }

    [Fact]
    public async Task Batch_answers_202_with_the_ids_in_the_order_given()
    {
        var (status, body) = await server.PostAsync("/api/messages/batch", """
            [{"from": "alice@lon.test", "to": ["a@par.test"], "id": "one"},
             {"from": "alice@lon.test", "to": ["b@par.test"]},
             {"from": "alice@lon.test", "to": ["c@par.test"], "id": "three"}]
            """);

        Assert.Equal(202, status);
        var ids = body.GetProperty("ids").EnumerateArray().Select(id => id.GetString()).ToArray();
        Assert.Equal(gateway.Submitted.Select(m => m.Id), ids);
        Assert.Equal("one", ids[0]);
        Assert.Equal("three", ids[2]);
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("{\"from\": ", "body: malformed JSON")]
    [InlineData("[]", "body: expected a message object")]
    [InlineData("{\"to\": [\"b@par.test\"]}", "from: required")]
    [InlineData("{\"from\": 7, \"to\": [\"b@par.test\"]}", "from: expected a string")]
    [InlineData("{\"from\": \"not an address\", \"to\": [\"b@par.test\"]}", "from: ")]
    [InlineData("{\"from\": \"a@lon.test\"}", "to: required")]
    [InlineData("{\"from\": \"a@lon.test\", \"to\": []}", "to: at least one recipient is required")]
    [InlineData("{\"from\": \"a@lon.test\", \"to\": \"b@par.test\"}", "to: expected an array of addresses")]
    [InlineData("{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\", 3]}", "to[1]: expected a string")]
    [InlineData("{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"], \"priority\": \"high\"}", "priority: expected urgent, normal or non-urgent")]
    [InlineData("{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"], \"class\": \"memo\"}", "class: expected ipm, report")]
    [InlineData("{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"], \"sizeBytes\": -1}", "sizeBytes: expected a whole number")]
    [InlineData("{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"], \"sizeBytes\": \"big\"}", "sizeBytes: expected a whole number")]
    [InlineData("{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"], \"deferredUntil\": \"tomorrow\"}", "deferredUntil: expected an ISO 8601 date-time")]
    [InlineData("{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"], \"id\": \"has space\"}", "id: must be")]
    [InlineData("{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"], \"frm\": \"x\"}", "frm: unknown field")]
    public async Task Bad_submission_is_refused_with_400_naming_the_field(string json, string reason)
    {
        var (status, body) = await server.PostAsync("/api/messages", json);

        Assert.Equal(400, status);
        var error = body.GetProperty("error").GetString()!;
        Assert.StartsWith(reason, error);
        Assert.DoesNotContain('\n', error);
        Assert.Empty(gateway.Submitted);
    }

    [Theory]
    [InlineData("{}", "body: expected an array of messages")]
    [InlineData("[]", "body: at least one message is required")]
    [InlineData("[{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"]}, 5]", "[1]: expected a message object")]
    [InlineData("[{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"]}, {\"to\": [\"b@par.test\"]}]", "[1].from: required")]
    [InlineData("[{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"]}, {\"from\": \"nobody\", \"to\": [\"b@par.test\"]}]", "[1].from: ")]
    [InlineData("[{\"from\": \"a@lon.test\", \"to\": [\"b@par.test\"], \"priority\": 1}]", "[0].priority: expected urgent")]
    public async Task Bad_batch_is_refused_whole_with_400_naming_the_message_and_field(string json, string reason)
    {
        var (status, body) = await server.PostAsync("/api/messages/batch", json);

        Assert.Equal(400, status);
        Assert.StartsWith(reason, body.GetProperty("error").GetString());
        Assert.Empty(gateway.Submitted);
    }

    [Fact]
    public async Task Batch_of_more_than_ten_thousand_messages_is_refused()
    {
        var one = """{"from": "a@lon.test", "to": ["b@par.test"]}""";
        var json = "[" + string.Join(",", Enumerable.Repeat(one, 10_001)) + "]";

        var (status, body) = await server.PostAsync("/api/messages/batch", json);

        Assert.Equal(400, status);
        Assert.Equal("body: at most 10000 messages per request (got 10001)", body.GetProperty("error").GetString());
        Assert.Empty(gateway.Submitted);
    }

    [Fact]
    public async Task Submission_answers_503_with_the_engines_reason_when_it_cannot_accept_in_time()
    {
        gateway.UnavailableReason = "the journal is not keeping up";

        var (status, body) = await server.PostAsync("/api/messages", """{"from": "a@lon.test", "to": ["b@par.test"]}""");

        Assert.Equal(503, status);
        Assert.Equal("the journal is not keeping up", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Submission_answers_503_while_the_engine_does_not_accept_mail()
    {
        gateway.IsAcceptingMail = false;

        var (status, body) = await server.PostAsync("/api/messages/batch", """[{"from": "a@lon.test", "to": ["b@par.test"]}]""");

        Assert.Equal(503, status);
        Assert.Contains("not accepting mail", body.GetProperty("error").GetString());
        Assert.Empty(gateway.Submitted);
    }

    [Fact]
    public async Task Queues_are_listed_in_camel_case_as_the_engine_reports_them()
    {
        var (status, body) = await server.GetAsync("/api/queues");

        Assert.Equal(200, status);
        var queues = body.EnumerateArray().ToArray();
        Assert.Equal(3, queues.Length);
        Assert.Equal("work-queue", queues[0].GetProperty("name").GetString());
        Assert.Equal("retrying", queues[2].GetProperty("state").GetString());
        Assert.Equal(42, queues[2].GetProperty("length").GetInt32());
        Assert.Equal(125, queues[2].GetProperty("oldestAgeSeconds").GetDouble());
        Assert.True(queues[0].GetProperty("secured").GetBoolean());
    }

    [Fact]
    public async Task Queues_answer_503_when_the_engine_cannot_answer_in_time()
    {
        gateway.UnavailableReason = "stopping";

        var (status, body) = await server.GetAsync("/api/queues");

        Assert.Equal(503, status);
        Assert.Equal("stopping", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Statistics_are_the_engines_counters()
    {
        var (status, body) = await server.GetAsync("/api/stats");

        Assert.Equal(200, status);
        Assert.Equal(10, body.GetProperty("accepted").GetInt64());
        Assert.Equal(17, body.GetProperty("delivered").GetInt64());
        Assert.Equal(2, body.GetProperty("nonDelivered").GetInt64());
        Assert.Equal(1, body.GetProperty("rerouted").GetInt64());
        Assert.Equal(4, body.GetProperty("duplicatesSuppressed").GetInt64());
        Assert.Equal(3, body.GetProperty("workQueueLength").GetInt32());
        Assert.Equal(1, body.GetProperty("quarantined").GetInt32());
    }

    [Fact]
    public async Task Sites_show_received_delivered_distinct_and_suppressed_counts()
    {
        var (status, body) = await server.GetAsync("/api/sites");

        Assert.Equal(200, status);
        var paris = body.EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Paris");
        Assert.Equal(9, paris.GetProperty("received").GetInt64());
        Assert.Equal(8, paris.GetProperty("delivered").GetInt64());
        Assert.Equal(7, paris.GetProperty("distinct").GetInt64());
        Assert.Equal(1, paris.GetProperty("duplicatesSuppressed").GetInt64());
    }

    [Fact]
    public async Task Every_view_answers_503_until_the_engine_is_published()
    {
        await using var starting = await ApiServer.StartAsync(gateway: null);

        foreach (var path in new[] { "/api/queues", "/api/stats", "/api/sites", "/api/faults", "/api/links/x400-paris/faults" })
        {
            var (status, body) = await starting.GetAsync(path);
            Assert.Equal(503, status);
            Assert.Equal("the engine is starting", body.GetProperty("error").GetString());
        }

        var (healthStatus, health) = await starting.GetAsync("/health");
        Assert.Equal(503, healthStatus);
        Assert.Equal("starting", health.GetProperty("status").GetString());

        starting.Holder.Publish(gateway);
        Assert.Equal(200, (await starting.GetAsync("/api/stats")).Status);
        Assert.Equal(200, (await starting.GetAsync("/health")).Status);
    }

    [Fact]
    public async Task Error_bodies_are_json_with_one_error_line()
    {
        using var response = await server.Client.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent("nope"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var document = JsonDocument.Parse(text);
        Assert.Equal(["error"], document.RootElement.EnumerateObject().Select(p => p.Name));
    }
}
