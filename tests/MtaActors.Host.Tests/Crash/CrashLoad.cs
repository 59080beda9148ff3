using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// One submitter of the crash load: until stopped, posts messages of random templates and priorities to the daemon,
/// singly or in batches, with ids it chooses (so that it knows what to look for in the delivery logs), and records in
/// the <see cref="SubmissionLedger"/> which were accepted. A request cut off by the kill is simply left unanswered.
/// </summary>
internal sealed class CrashLoad(HttpClient http, SubmissionLedger ledger, Random random, string idPrefix)
{
    private const int MaxBatch = 25;
    private int _next;

    /// <summary>Waits until the daemon is healthy (it may be recovering), then submits until <paramref name="stop"/> fires or the daemon goes away.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!await IsHealthyAsync(stop))
            {
                await Task.Delay(50, stop);
            }

            while (!stop.IsCancellationRequested)
            {
                await SubmitOnceAsync();
                await Task.Delay(random.Next(5, 30), stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // stopped (usually right after the kill)
        }
        catch (HttpRequestException)
        {
            // the daemon was killed under us
        }
    }

    private async Task<bool> IsHealthyAsync(CancellationToken stop)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative), stop);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>
    /// One request. Stopping never cuts a request short: only the kill (or the client's own timeout) leaves one
    /// unanswered, so an unanswered message always means the daemon died under it.
    /// </summary>
    private async Task SubmitOnceAsync()
    {
        var single = random.Next(4) == 0;
        var count = single ? 1 : random.Next(1, MaxBatch + 1);
        var ids = new string[count];
        var bodies = new object[count];
        for (var i = 0; i < count; i++)
        {
            var template = CrashMessageMix.Templates[random.Next(CrashMessageMix.Templates.Length)];
            ids[i] = string.Create(CultureInfo.InvariantCulture, $"{idPrefix}-{_next++}");
            ledger.Sending(ids[i], template);
            bodies[i] = new
            {
                id = ids[i],
                from = "postmaster@london.contoso.com",
                to = template.To,
                priority = CrashMessageMix.Priorities[random.Next(CrashMessageMix.Priorities.Length)],
                subject = $"crash load {template.Name}",
                body = new string('x', random.Next(0, 2048)),
            };
        }

        HttpResponseMessage response;
        try
        {
            response = single
                ? await http.PostAsJsonAsync(new Uri("/api/messages", UriKind.Relative), bodies[0], CancellationToken.None)
                : await http.PostAsJsonAsync(new Uri("/api/messages/batch", UriKind.Relative), bodies, CancellationToken.None);
        }
        catch (TaskCanceledException)
        {
            return; // the client's own timeout: no answer, so the outcome is unknown
        }

        using (response)
        {
            switch (response.StatusCode)
            {
                case HttpStatusCode.Accepted:
                    foreach (var id in ids)
                    {
                        ledger.Accepted(id);
                    }

                    break;
                case HttpStatusCode.ServiceUnavailable:
                    // Starting, stopping or the journal is slow: not an acceptance; at most once, like no answer.
                    break;
                default:
                    throw new InvalidOperationException(
                        $"the daemon answered {(int)response.StatusCode} to the crash load: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
            }
        }
    }
}
