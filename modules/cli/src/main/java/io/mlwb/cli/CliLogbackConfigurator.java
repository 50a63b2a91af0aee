package io.mlwb.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.Logger;

/**
 * The CLI's logging, set up in code: what {@code logback.xml} in this module says (a rolling file always, stderr only
 * with {@code --verbose}, JGit at WARN), without parsing XML, which took about 0.1 s of every command's start.
 * Found by Logback through {@code META-INF/services}; it configures only a process whose {@link CliLogging} ran (the
 * CLI's {@code main}), and otherwise hands over to the next configurator, so the workbench and tests keep their own
 * {@code logback.xml} / {@code logback-test.xml}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogbackConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext lc) {
        String dir = System.getProperty(CliLogging.DIR_PROPERTY);
        if (!Boolean.getBoolean(CliLogging.CONFIGURED_PROPERTY) || dir == null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(lc);
        file.setName("FILE");
        file.setFile(dir + "/mlwb.log");
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(lc);
        policy.setParent(file);
        policy.setFileNamePattern(dir + "/mlwb-%d{yyyy-MM-dd}.%i.log.gz");
        policy.setMaxFileSize(FileSize.valueOf("10MB"));
        policy.setMaxHistory(14);
        policy.setTotalSizeCap(FileSize.valueOf("200MB"));
        policy.start();
        file.setRollingPolicy(policy);
        file.setEncoder(encoder(lc, "%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n"));
        file.start();

        ch.qos.logback.classic.Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty(CliLogging.LEVEL_PROPERTY), Level.INFO));
        root.addAppender(file);
        Level stderr = Level.toLevel(System.getProperty(CliLogging.STDERR_LEVEL_PROPERTY), Level.OFF);
        if (stderr != Level.OFF) {
            ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
            console.setContext(lc);
            console.setName("STDERR");
            console.setTarget("System.err");
            ThresholdFilter threshold = new ThresholdFilter();
            threshold.setLevel(stderr.levelStr);
            threshold.start();
            console.addFilter(threshold);
            console.setEncoder(encoder(lc, "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n"));
            console.start();
            root.addAppender(console);
        }
        lc.getLogger("org.eclipse.jgit").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static PatternLayoutEncoder encoder(LoggerContext lc, String pattern) {
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(lc);
        e.setPattern(pattern);
        e.start();
        return e;
    }
}
