using Akka.Persistence;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.Tests.Persistence;

/// <summary>What a queue may delete after a snapshot: only what the snapshot before it covers, so one lost snapshot loses nothing.</summary>
public sealed class SnapshotRetentionSpec
{
    private static SnapshotMetadata At(long sequenceNr) => new("secured-queue-imc", sequenceNr, DateTime.UnixEpoch);

    [Fact]
    public void First_snapshot_deletes_nothing_the_second_deletes_up_to_the_first()
    {
        var retention = new SnapshotRetention();

        Assert.Null(retention.Saved(At(10)));
        Assert.Equal(10, retention.Saved(At(25)));
        Assert.Equal(25, retention.Saved(At(40)));
    }

    [Fact]
    public void Snapshot_recovered_from_is_the_one_kept_when_the_next_is_saved()
    {
        var retention = new SnapshotRetention();
        retention.Offered(At(25));

        Assert.Equal(25, retention.Saved(At(40)));
    }
}
