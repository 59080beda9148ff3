using MtaActors.Host.Cli;

return await Cli.InvokeAsync(args, Console.Out, Console.Error);
