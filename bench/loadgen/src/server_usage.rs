//! The server's CPU time and memory, read from `/proc/<pid>` (Linux only).

use std::fmt;

use anyhow::{Context, Result, anyhow};
use serde::Serialize;

/// CPU time and memory the server process used over a run.
#[derive(Debug, Serialize)]
pub struct ServerUsage {
    pub pid: u32,
    /// User + system CPU time spent during the load phase.
    pub cpu_ms: f64,
    pub cpu_ms_per_request: Option<f64>,
    /// Peak resident set since the process started (`VmHWM`).
    pub peak_rss_kib: u64,
    /// Resident set at the end of the run (`VmRSS`).
    pub rss_kib: u64,
}

impl fmt::Display for ServerUsage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.cpu_ms_per_request {
            Some(per_request) => writeln!(
                f,
                "server CPU    {per_request:.3} ms/request ({:.0} ms in all, pid {})",
                self.cpu_ms, self.pid
            )?,
            None => writeln!(
                f,
                "server CPU    {:.0} ms in all, no requests (pid {})",
                self.cpu_ms, self.pid
            )?,
        }
        writeln!(
            f,
            "server memory peak RSS {:.1} MiB (VmHWM, since start), now {:.1} MiB",
            self.peak_rss_kib as f64 / 1024.0,
            self.rss_kib as f64 / 1024.0
        )
    }
}

/// A handle on the server process, sampled before and after the load.
pub struct ServerProcess {
    pid: u32,
    ticks_per_second: u64,
    cpu_ticks_at_start: u64,
}

impl ServerProcess {
    /// Starts watching `pid`: fails now, not after the run, if it cannot be read.
    pub fn watch(pid: u32) -> Result<ServerProcess> {
        Ok(ServerProcess {
            pid,
            ticks_per_second: clock_ticks_per_second(),
            cpu_ticks_at_start: cpu_ticks(pid)?,
        })
    }

    /// Restarts the CPU measurement (call when the load phase begins).
    pub fn reset(&mut self) -> Result<()> {
        self.cpu_ticks_at_start = cpu_ticks(self.pid)?;
        Ok(())
    }

    /// CPU used since the last reset, and memory now, for `requests` requests.
    pub fn usage(&self, requests: u64) -> Result<ServerUsage> {
        let ticks = cpu_ticks(self.pid)?.saturating_sub(self.cpu_ticks_at_start);
        let cpu_ms = ticks as f64 * 1000.0 / self.ticks_per_second as f64;
        let status = read_proc(self.pid, "status")?;
        let memory_field = |name| {
            status_kib(&status, name)
                .ok_or_else(|| anyhow!("no {name} in /proc/{}/status", self.pid))
        };
        Ok(ServerUsage {
            pid: self.pid,
            cpu_ms,
            cpu_ms_per_request: (requests > 0).then(|| cpu_ms / requests as f64),
            peak_rss_kib: memory_field("VmHWM")?,
            rss_kib: memory_field("VmRSS")?,
        })
    }
}

fn read_proc(pid: u32, file: &str) -> Result<String> {
    let path = format!("/proc/{pid}/{file}");
    std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {path} (is the server running?)"))
}

fn cpu_ticks(pid: u32) -> Result<u64> {
    let stat = read_proc(pid, "stat")?;
    stat_cpu_ticks(&stat).ok_or_else(|| anyhow!("cannot parse /proc/{pid}/stat"))
}

/// utime + stime (fields 14 and 15) of a `/proc/<pid>/stat` line, in clock ticks.
fn stat_cpu_ticks(stat: &str) -> Option<u64> {
    // Field 2, the command name, is in parentheses and may itself contain
    // spaces and ')', so count fields from the last ')'.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11); // fields 3..=13
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

/// The value in KiB of a `Name:   1234 kB` line of `/proc/<pid>/status`.
fn status_kib(status: &str, name: &str) -> Option<u64> {
    status.lines().find_map(|line| {
        let value = line.strip_prefix(name)?.strip_prefix(':')?;
        value.trim().strip_suffix("kB")?.trim().parse().ok()
    })
}

/// The kernel's clock ticks per second (`getconf CLK_TCK`), which scale /proc CPU times.
fn clock_ticks_per_second() -> u64 {
    // SAFETY: sysconf only reads a configuration value; it has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    u64::try_from(ticks).ok().filter(|&t| t > 0).unwrap_or(100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cpu_ticks_past_a_tricky_command_name() {
        let stat = "4242 (tokio (worker) 1) S 1 4242 4242 0 -1 4194560 2300 0 0 0 \
                    157 43 0 0 20 0 9 0 123456 1000000 2000 18446744073709551615";
        assert_eq!(stat_cpu_ticks(stat), Some(200));
        assert_eq!(stat_cpu_ticks("4242 (x) S 1 2"), None);
    }

    #[test]
    fn reads_memory_lines_from_status() {
        let status = "Name:\ttaskpilot\nVmHWM:\t   51200 kB\nVmRSS:\t   40960 kB\nThreads:\t9\n";
        assert_eq!(status_kib(status, "VmHWM"), Some(51200));
        assert_eq!(status_kib(status, "VmRSS"), Some(40960));
        assert_eq!(status_kib(status, "VmSwap"), None);
    }

    #[test]
    fn reads_this_process() {
        let process = ServerProcess::watch(std::process::id()).expect("own /proc entry");
        let usage = process.usage(1).expect("own usage");
        assert!(usage.peak_rss_kib >= usage.rss_kib && usage.rss_kib > 0);
        assert!(process.ticks_per_second > 0);
    }
}
