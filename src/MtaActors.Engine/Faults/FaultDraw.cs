using System.Collections.Immutable;

namespace MtaActors.Engine.Faults;

/// <summary>
/// The faults that apply to one transfer, probe or connection, once each fault's <see cref="FaultSpec.Toxicity"/> has
/// been drawn, and the link's dice for the draws that follow (rates, jitter). Every transport, whatever it carries,
/// asks the switchboard for one (<see cref="FaultSwitchboard.Draw"/>), so toxicity and the seed hold for every kind.
/// </summary>
public sealed class FaultDraw
{
    /// <summary>Nothing applies.</summary>
    public static readonly FaultDraw None = new([], new FaultDice(0, ""));

    internal FaultDraw(ImmutableArray<ActiveFault> faults, FaultDice dice)
    {
        Faults = faults;
        Dice = dice;
    }

    /// <summary>The faults that apply, in the order they were set.</summary>
    public ImmutableArray<ActiveFault> Faults { get; }

    public bool IsEmpty => Faults.IsEmpty;

    /// <summary>The applying fault of type <typeparamref name="T"/>, or null.</summary>
    public T? Find<T>()
        where T : FaultSpec
    {
        foreach (var fault in Faults)
        {
            if (fault.Spec is T match)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>The link's dice, for the kinds' own draws (a rate, a jitter) after the toxicity draws.</summary>
    public FaultDice Dice { get; }
}
