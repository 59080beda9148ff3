namespace MtaActors.Core.Topology.Binding;

/// <summary>Reads a retry section field by field over a fallback policy, so a link may override just one timeout.</summary>
internal static class RetryReader
{
    public const int MaxOpenRetries = 1000;

    public static RetryPolicy Read(FieldReader reader, RetryOptions? options, string path, RetryPolicy fallback)
    {
        if (options is null)
        {
            return fallback;
        }

        var timeouts = options.TransferTimeout ?? new TransferTimeoutOptions();
        var timeoutPath = $"{path}.transferTimeout";
        return new RetryPolicy(
            reader.Duration(options.OpenInterval, $"{path}.openInterval", fallback.OpenInterval),
            reader.Integer(options.MaxOpenRetries, $"{path}.maxOpenRetries", fallback.MaxOpenRetries, 1, MaxOpenRetries),
            reader.Duration(timeouts.Urgent, $"{timeoutPath}.urgent", fallback.UrgentTransferTimeout),
            reader.Duration(timeouts.Normal, $"{timeoutPath}.normal", fallback.NormalTransferTimeout),
            reader.Duration(timeouts.NonUrgent, $"{timeoutPath}.nonUrgent", fallback.NonUrgentTransferTimeout));
    }
}
