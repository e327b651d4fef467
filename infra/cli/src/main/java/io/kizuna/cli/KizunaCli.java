package io.kizuna.cli;

import io.kizuna.cli.importing.ImportCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@code kizuna} command line tools that run beside the platform and talk to it over HTTP only. The shell script
 * {@code ./kizuna} starts this for {@code ./kizuna import}.
 */
public final class KizunaCli {

    private static final String USAGE =
            """
            usage: kizuna-cli import FILE [options]   (kizuna-cli import --help for the options)
            """;

    private KizunaCli() {}

    public static void main(String[] args) {
        ImportCommand[] current = new ImportCommand[1];
        Thread onInterrupt = new Thread(() -> {
            ImportCommand command = current[0];
            String message = command == null ? null : command.interruptedMessage();
            if (message != null) {
                System.err.println();
                System.err.println(message);
            }
        });
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        int status = run(args, System.getenv(), System.out, System.err, terminal(), command -> current[0] = command);
        System.exit(status);
    }

    /** Runs the tools in-process (as the tests do): returns the exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, false, command -> {});
    }

    private static int run(
            String[] args,
            Map<String, String> env,
            PrintStream out,
            PrintStream err,
            boolean terminal,
            Consumer<ImportCommand> started) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            (args.length == 0 ? err : out).print(USAGE);
            return args.length == 0 ? ImportCommand.USAGE : ImportCommand.OK;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (args[0].equals("import")) {
            ImportCommand command = new ImportCommand(out, err, terminal);
            started.accept(command);
            return command.run(rest, env);
        }
        err.println("kizuna-cli: unknown command '" + args[0] + "'");
        err.print(USAGE);
        return ImportCommand.USAGE;
    }

    /**
     * Whether stderr is a terminal. The script knows ({@code -Dkizuna.cli.terminal=true} when {@code [ -t 2 ]}); Java
     * 17 alone can only tell whether there is a console at all.
     */
    private static boolean terminal() {
        String told = System.getProperty("kizuna.cli.terminal");
        if (told != null) {
            return Boolean.parseBoolean(told);
        }
        return System.console() != null;
    }
}
