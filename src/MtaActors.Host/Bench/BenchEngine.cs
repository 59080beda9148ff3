namespace MtaActors.Host.Bench;

/// <summary>Which engine a benchmark run drives.</summary>
internal enum BenchEngine
{
    /// <summary>The actor engine (<c>MtaEngine</c>): one actor and one queue per link.</summary>
    Actor = 0,

    /// <summary>The baseline: one synchronous loop delivering one message at a time, as the Exchange 4.0/5.0 MTA did (Q193760).</summary>
    Sync = 1,
}
