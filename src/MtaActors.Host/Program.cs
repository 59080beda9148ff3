using MtaActors.Host.Commands;

return await Cli.InvokeAsync(args, Console.Out, Console.Error);
