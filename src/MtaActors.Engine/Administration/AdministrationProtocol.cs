namespace MtaActors.Engine.Administration;

/// <summary>Answered with the current <see cref="AdministrationState"/>.</summary>
public sealed record GetAdministrationState
{
    public static readonly GetAdministrationState Instance = new();
}

/// <summary>
/// Journals one change (a <see cref="LinkSuspensionRecorded"/>, <see cref="LinkResumptionRecorded"/>,
/// <see cref="MtaDisabledRecorded"/> or <see cref="MtaEnabledRecorded"/>) and answers the new <see cref="AdministrationState"/>
/// once it is durable: the caller applies the change to the links only after that, so a restart never forgets it.
/// </summary>
public sealed record RecordAdministration(object Change);
