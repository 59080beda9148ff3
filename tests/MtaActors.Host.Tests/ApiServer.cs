using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MtaActors.Engine.Gateway;
using MtaActors.Host.Api;

namespace MtaActors.Host.Tests;

/// <summary>The admin API on a real Kestrel socket (a free port on loopback) over a given gateway, or none yet.</summary>
internal sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ApiServer(WebApplication app, GatewayHolder holder, Uri address)
    {
        this.app = app;
        Holder = holder;
        Address = address;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public GatewayHolder Holder { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public static async Task<ApiServer> StartAsync(IMtaGateway? gateway, AdminAccess? access = null)
    {
        var holder = gateway is null ? new GatewayHolder() : new GatewayHolder(gateway);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(holder);
        var app = builder.Build();
        app.MapAdminApi(access);
        await app.StartAsync();
        return new ApiServer(app, holder, new Uri(app.Urls.Single()));
    }

    public async Task<(int Status, JsonElement Body)> SendAsync(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ((int)response.StatusCode, body);
    }

    /// <summary>Sends <paramref name="body"/> as the bytes given (no re-encoding), for bodies a string cannot carry.</summary>
    public async Task<(int Status, JsonElement Body)> SendBytesAsync(HttpMethod method, string path, byte[] body, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public Task<(int Status, JsonElement Body)> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<(int Status, JsonElement Body)> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
