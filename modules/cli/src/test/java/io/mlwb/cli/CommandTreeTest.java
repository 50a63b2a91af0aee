package io.mlwb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command tree holds only the named subcommand, and every one where help or an error needs them all. */
class CommandTreeTest {
    private static Set<String> subcommands(String... args) {
        CommandLine cl = Cli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                args);
        return cl.getSubcommands().keySet();
    }

    @Test
    void aNamedSubcommandIsTheOnlyOneBuilt() {
        assertEquals(Set.of("drift"), subcommands("drift", "a.csv", "b.csv", "--json", "-"));
        assertEquals(Set.of("drift"), subcommands("--project", "/tmp/p", "--debug", "drift", "a.csv", "b.csv"));
        assertEquals(Set.of("models"), subcommands("-v", "models", "list"));
    }

    @Test
    void helpAnUnknownOrNoSubcommandSeeThemAll() {
        int all = MlwbCommand.SUBCOMMANDS.size();
        assertEquals(all, subcommands().size());
        assertEquals(all, subcommands("--help").size());
        assertEquals(all, subcommands("drfit", "a.csv").size());
        assertEquals(all, subcommands("--project", "drift").size(), "drift is --project's value here");
    }

    @Test
    void helpListsEverySubcommandInOrderAndATypoGetsSuggestions() {
        CliTest.Result help = CliTest.mlwb("--help");
        assertEquals(0, help.code());
        int last = -1;
        for (String name : List.of("init", "status", "profile", "train", "drift", "deploy", "serve", "predict")) {
            int at = help.out().indexOf("\n  " + name + " ");
            assertTrue(at > last, name + " listed in order:\n" + help.out());
            last = at;
        }
        CliTest.Result typo = CliTest.mlwb("drfit", "a.csv", "b.csv");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("Did you mean") && typo.err().contains("mlwb drift"), typo.err());
    }
}
