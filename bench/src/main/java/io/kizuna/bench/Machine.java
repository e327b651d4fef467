package io.kizuna.bench;

import io.kizuna.bench.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine a run measured: CPU model and count, memory, load at the start, the bench's Java. */
final class Machine {

    private Machine() {}

    static void describe(Report report) {
        report.put("machine.cpus", Runtime.getRuntime().availableProcessors());
        List<String> cpuinfo = lines("/proc/cpuinfo");
        cpuinfo.stream()
                .filter(l -> l.startsWith("model name"))
                .findFirst()
                .ifPresent(l -> report.put(
                        "machine.cpu_model", l.substring(l.indexOf(':') + 1).strip()));
        lines("/proc/meminfo").stream()
                .filter(l -> l.startsWith("MemTotal:"))
                .findFirst()
                .ifPresent(l -> report.put("machine.memory_mb", Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024));
        List<String> load = lines("/proc/loadavg");
        if (!load.isEmpty()) {
            report.put("machine.load_average_at_start", load.get(0).split(" ")[0]);
        }
        report.put("machine.java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
