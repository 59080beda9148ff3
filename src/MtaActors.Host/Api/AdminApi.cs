using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MtaActors.Engine.Hosting;

namespace MtaActors.Host.Api;

/// <summary>
/// The admin HTTP API: submission, queue/statistics/site views and the fault switchboard, as JSON over
/// minimal APIs. Every error is <c>{"error": "one line"}</c>, the framework's 404 and 405 included
/// (<see cref="ErrorBodies"/>); each endpoint declares the query parameters and body it reads (<see cref="EndpointInput"/>)
/// and nothing else is accepted. The engine's own bound on each call is what keeps a request from waiting on a stuck link.
/// </summary>
public static class AdminApi
{
    /// <summary>
    /// Maps every endpoint behind the <see cref="AdminRequestGuard"/> for <paramref name="access"/> (default: loopback, no
    /// token); reads the engine from the <see cref="GatewayHolder"/> singleton.
    /// </summary>
    public static WebApplication MapAdminApi(this WebApplication app, AdminAccess? access = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var holder = app.Services.GetRequiredService<GatewayHolder>();
        // Routing runs first (WebApplication puts it there), so these see which endpoint a request matched.
        app.UseErrorBodies();
        app.Use(new AdminRequestGuard(access ?? AdminAccess.Loopback).InvokeAsync);
        app.Use(EndpointInputCheck.InvokeAsync);

        var endpoints = new AdminEndpoints(holder);
        app.MapGet("/health", endpoints.HealthAsync);
        app.MapPost("/api/messages", endpoints.SubmitOneAsync).Takes(body: true);
        app.MapPost("/api/messages/batch", endpoints.SubmitBatchAsync).Takes(body: true);
        app.MapGet("/api/queues", endpoints.QueuesAsync);
        app.MapGet("/api/stats", endpoints.StatisticsAsync);
        app.MapGet("/api/sites", endpoints.SitesAsync);

        var queues = new QueueEndpoints(holder);
        app.MapGet("/api/queues/{name}/messages", queues.ListAsync).Takes(query: QueueEndpoints.ListParameters);
        app.MapPost("/api/queues/{name}/retry", queues.RetryAsync);

        var messages = new MessageEndpoints(holder);
        app.MapPost("/api/messages/{id}/hold", messages.HoldAsync);
        app.MapPost("/api/messages/{id}/release", messages.ReleaseAsync);
        app.MapPost("/api/messages/{id}/requeue", messages.RequeueAsync);
        app.MapDelete("/api/messages/{id}", messages.RemoveAsync).Takes(query: "ndr");
        app.MapGet("/api/messages/{id}/track", new TrackingEndpoints(app.Services.GetService<MtaEngineSettings>()?.DataDirectory).TrackAsync);

        var faults = new FaultEndpoints(holder);
        app.MapGet("/api/faults", faults.AllAsync);
        app.MapGet("/api/faults/seed", faults.SeedAsync);
        app.MapPut("/api/faults/seed", faults.ReseedAsync).Takes(body: true);
        app.MapGet("/api/links/{name}/faults", faults.GetAsync);
        app.MapPut("/api/links/{name}/faults", faults.SetAsync).Takes(body: true);
        app.MapDelete("/api/links/{name}/faults", faults.ClearAsync).Takes(query: "kind");

        var links = new LinkEndpoints(holder);
        app.MapPost("/api/links/{name}/flush", links.FlushAsync).Takes(body: true, query: "timeout");
        app.MapPost("/api/links/{name}/suspend", links.SuspendAsync);
        app.MapPost("/api/links/{name}/resume", links.ResumeAsync);

        var mta = new MtaEndpoints(holder);
        app.MapGet("/api/mta", mta.GetAsync);
        app.MapPost("/api/mta/disable", mta.DisableAsync).Takes(body: true);
        app.MapPost("/api/mta/enable", mta.EnableAsync);

        app.MapPost("/api/purge", new PurgeEndpoints(holder).PurgeAsync).Takes(body: true);
        return app;
    }
}
