package org.partnershipatlas.cli;

import java.io.PrintWriter;
import org.apache.jena.fuseki.system.FusekiLogging;
import org.partnershipatlas.loaders.LoadException;
import org.partnershipatlas.loaders.releases.ReleaseException;
import org.partnershipatlas.loaders.store.InsufficientSpaceException;
import org.partnershipatlas.loaders.store.ReadOnlyStoreException;
import org.partnershipatlas.loaders.store.StorageFaultException;
import org.partnershipatlas.loaders.store.StoreDamagedException;
import org.partnershipatlas.loaders.store.StoreFaultedException;
import org.partnershipatlas.loaders.store.StoreUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code atlas} command.
 *
 * <pre>
 *   atlas load data/                 # load the sample sources into var/tdb2
 *   atlas serve --port 3030          # serve them
 *   atlas query partnerships-per-locality
 * </pre>
 */
@Command(
        name = "atlas",
        mixinStandardHelpOptions = true,
        versionProvider = AtlasCli.Version.class,
        description = "Partnership Atlas: a linked-data map of public-service partnerships, with a SPARQL endpoint.",
        subcommands = {
            LoadCommand.class,
            ServeCommand.class,
            QueryCommand.class,
            DumpCommand.class,
            ReleaseCommand.class,
            DiffCommand.class,
            LogCommand.class,
            ReplayCommand.class,
            LinkCommand.class,
            CheckLinksCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            CheckProposalCommand.class,
            ReportCommand.class,
            HashPasswordCommand.class,
            GenerateCommand.class,
            HelpCommand.class
        })
public final class AtlasCli implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(
            names = {"-v", "--verbose"},
            scope = CommandLine.ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        FusekiLogging.setLogging();
        int code;
        try {
            code = commandLine().execute(args);
        } catch (Error e) {
            // An Error that escaped a command (out of memory, say): a message, not a bare stack trace.
            System.err.println("error: " + e);
            code = ExitCodes.FAILURE;
        }
        System.exit(code);
    }

    /** The configured command line; tests call {@code execute} on it with their own out/err writers. */
    public static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new AtlasCli());
        cmd.setExecutionExceptionHandler(AtlasCli::handle);
        return cmd;
    }

    /** The one place where failures become messages and exit codes. */
    private static int handle(Exception e, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = parsed.hasMatchedOption("-v");
        int code;
        if (e instanceof LoadException load) {
            err.println("error: " + load.getMessage());
            err.println("Nothing was loaded; the store is as it was.");
            code = ExitCodes.INPUT_ERROR;
        } else if (e instanceof ReleaseException) {
            err.println("error: " + e.getMessage());
            code = ExitCodes.INPUT_ERROR;
        } else if (e instanceof InsufficientSpaceException) {
            err.println("error: " + e.getMessage());
            err.println("Free some space (or lower --disk-reserve) and run the command again.");
            code = ExitCodes.NO_SPACE;
        } else if (e instanceof StorageFaultException || e instanceof StoreFaultedException) {
            err.println("error: " + e.getMessage());
            err.println("The store is as it was at its last commit. Fix the disk (free space, mount it read-write)"
                    + " and run the command again.");
            code = ExitCodes.STORAGE_FAULT;
        } else if (e instanceof StoreDamagedException) {
            err.println("error: " + e.getMessage());
            code = ExitCodes.STORE_DAMAGED;
        } else if (e instanceof ReadOnlyStoreException) {
            err.println("error: " + e.getMessage());
            code = ExitCodes.STORAGE_FAULT;
        } else if (e instanceof StoreUnavailableException) {
            err.println("error: " + e.getMessage());
            code = ExitCodes.FAILURE;
        } else {
            err.println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            code = ExitCodes.FAILURE;
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AtlasCli.class.getPackage().getImplementationVersion();
            return new String[] {"atlas " + (v != null ? v : "(development build)")};
        }
    }
}
