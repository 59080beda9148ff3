namespace MtaActors.Core.Messages;

/// <summary>X.400 message priority; decides queue order and the transfer timeout a link allows.</summary>
public enum Priority
{
    Urgent = 0,
    Normal = 1,
    NonUrgent = 2,
}
