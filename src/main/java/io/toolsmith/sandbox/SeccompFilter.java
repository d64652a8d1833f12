package io.toolsmith.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The system-call filter of the sandbox: a classic-BPF seccomp program (an array of {@code sock_filter}
 * structs) that refuses what a function never needs and what widens the kernel surface it can reach —
 * new namespaces, mounts, tracing other processes, BPF, keyrings, io_uring, perf, userfaultfd, loading
 * kernels or modules. Everything else is allowed. The worker installs it on itself before any function
 * runs, so every process of every call inherits it and cannot remove it.
 *
 * <p>Only x86_64 and aarch64 are known; on other machines there is no filter and the isolation text says so.
 */
final class SeccompFilter {
    static final int EPERM = 1;
    static final int ENOSYS = 38;

    static final int RET_ALLOW = 0x7fff0000;
    static final int RET_ERRNO = 0x00050000;

    // Classic BPF opcodes.
    static final int LD_W_ABS = 0x20;
    static final int JEQ_K = 0x15;
    static final int JGE_K = 0x35;
    static final int JSET_K = 0x45;
    static final int RET_K = 0x06;

    // Offsets in struct seccomp_data.
    static final int OFFSET_NR = 0;
    static final int OFFSET_ARCH = 4;
    static final int OFFSET_ARG0_LOW = 16;

    /** CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET (NEWTIME shares clone()'s signal byte). */
    static final int CLONE_NEW_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000
            | 0x40000000;
    static final int X32_SYSCALL_BIT = 0x40000000;
    static final int PERSONALITY_LINUX = 0;
    static final int PERSONALITY_QUERY = 0xffffffff;

    /** CLONE_THREAD: a clone that makes a thread of the same process, not a new process. */
    static final int CLONE_THREAD = 0x00010000;

    /**
     * One machine's system-call numbers for what the filters look at.
     *
     * @param spawning the calls that start a process or program without a flags test: fork, vfork, execve,
     *                 execveat (aarch64 has no fork or vfork; it forks through clone)
     */
    record Arch(String name, int auditArch, boolean x32, int cloneNr, int clone3Nr, int personalityNr, List<Integer> refused,
                List<Integer> spawning) {
    }

    static final Arch X86_64 = new Arch("x86_64", 0xC000003E, true, 56, 435, 135, List.of(
            272, 308,                               // unshare, setns
            165, 166, 155, 161,                     // mount, umount2, pivot_root, chroot
            428, 429, 430, 431, 432, 433, 442,      // open_tree, move_mount, fsopen, fsconfig, fsmount, fspick,
                                                    // mount_setattr
            101, 310, 311, 438,                     // ptrace, process_vm_readv/writev, pidfd_getfd
            321,                                    // bpf
            248, 249, 250,                          // add_key, request_key, keyctl
            425, 426, 427,                          // io_uring_setup, io_uring_enter, io_uring_register
            298, 323,                               // perf_event_open, userfaultfd
            246, 320,                               // kexec_load, kexec_file_load
            175, 313, 176,                          // init_module, finit_module, delete_module
            169, 167, 168,                          // reboot, swapon, swapoff
            303, 304,                               // name_to_handle_at, open_by_handle_at
            172, 173, 163,                          // iopl, ioperm, acct
            29, 64, 68,                             // shmget, semget, msgget: System V objects outlive the call
                                                    // and their memory is outside RLIMIT_AS
            447),                                   // memfd_secret
            List.of(57, 58, 59, 322));              // fork, vfork, execve, execveat

    static final Arch AARCH64 = new Arch("aarch64", 0xC00000B7, false, 220, 435, 92, List.of(
            97, 268,                                // unshare, setns
            40, 39, 41, 51,                         // mount, umount2, pivot_root, chroot
            428, 429, 430, 431, 432, 433, 442,      // open_tree, move_mount, fsopen, fsconfig, fsmount, fspick,
                                                    // mount_setattr
            117, 270, 271, 438,                     // ptrace, process_vm_readv/writev, pidfd_getfd
            280,                                    // bpf
            217, 218, 219,                          // add_key, request_key, keyctl
            425, 426, 427,                          // io_uring_setup, io_uring_enter, io_uring_register
            241, 282,                               // perf_event_open, userfaultfd
            104, 294,                               // kexec_load, kexec_file_load
            105, 273, 106,                          // init_module, finit_module, delete_module
            142, 224, 225,                          // reboot, swapon, swapoff
            264, 265,                               // name_to_handle_at, open_by_handle_at
            89,                                     // acct
            194, 190, 186,                          // shmget, semget, msgget
            447),                                   // memfd_secret
            List.of(221, 281));                     // execve, execveat

    private final List<long[]> program = new ArrayList<>();

    private SeccompFilter() {
    }

    /** The architecture of this JVM's machine, when the filter knows it. */
    static Optional<Arch> forThisMachine() {
        return forName(System.getProperty("os.arch", ""));
    }

    static Optional<Arch> forName(String osArch) {
        return switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> Optional.of(X86_64);
            case "aarch64", "arm64" -> Optional.of(AARCH64);
            default -> Optional.empty();
        };
    }

    /** The program as the kernel takes it: 8 bytes per instruction, in the machine's (little-endian) order. */
    static byte[] program(Arch arch) {
        SeccompFilter f = new SeccompFilter();
        // Another architecture's calling convention (i386 via int 0x80, arm32 compat) has other numbers.
        f.load(OFFSET_ARCH);
        f.jump(JEQ_K, arch.auditArch(), 1, 0);
        f.ret(RET_ERRNO | ENOSYS);
        f.load(OFFSET_NR);
        if (arch.x32()) {
            f.jump(JGE_K, X32_SYSCALL_BIT, 0, 1);
            f.ret(RET_ERRNO | ENOSYS);
        }
        // clone3 keeps its flags in memory the filter cannot read; ENOSYS makes glibc fall back to clone.
        f.refuse(arch.clone3Nr(), ENOSYS);
        for (int nr : arch.refused()) {
            f.refuse(nr, EPERM);
        }
        f.jump(JEQ_K, arch.cloneNr(), 0, 4);
        f.load(OFFSET_ARG0_LOW);
        f.jump(JSET_K, CLONE_NEW_FLAGS, 0, 1);
        f.ret(RET_ERRNO | EPERM);
        f.ret(RET_ALLOW);
        // personality: only asking and the plain Linux persona (no turning address randomization off).
        f.jump(JEQ_K, arch.personalityNr(), 0, 4);
        f.load(OFFSET_ARG0_LOW);
        f.jump(JEQ_K, PERSONALITY_LINUX, 2, 0);
        f.jump(JEQ_K, PERSONALITY_QUERY, 1, 0);
        f.ret(RET_ERRNO | EPERM);
        f.ret(RET_ALLOW);
        return f.bytes();
    }

    /**
     * The filter a call's process adds on top of {@link #program} when its function is not approved to start
     * processes: fork, vfork, execve and execveat are refused, and clone unless it makes a thread (CLONE_THREAD),
     * so Python's threads keep working while subprocess, os.fork, os.system and posix_spawn fail with EPERM.
     * clone3 is already refused by the worker's filter (glibc then falls back to clone).
     */
    static byte[] noProcesses(Arch arch) {
        SeccompFilter f = new SeccompFilter();
        f.load(OFFSET_ARCH);
        f.jump(JEQ_K, arch.auditArch(), 1, 0);
        f.ret(RET_ERRNO | ENOSYS);
        f.load(OFFSET_NR);
        if (arch.x32()) {
            f.jump(JGE_K, X32_SYSCALL_BIT, 0, 1);
            f.ret(RET_ERRNO | ENOSYS);
        }
        for (int nr : arch.spawning()) {
            f.refuse(nr, EPERM);
        }
        f.refuse(arch.clone3Nr(), ENOSYS);
        f.jump(JEQ_K, arch.cloneNr(), 0, 3);
        f.load(OFFSET_ARG0_LOW);
        f.jump(JSET_K, CLONE_THREAD, 1, 0);
        f.ret(RET_ERRNO | EPERM);
        f.ret(RET_ALLOW);
        return f.bytes();
    }

    private void refuse(int nr, int errno) {
        jump(JEQ_K, nr, 0, 1);
        ret(RET_ERRNO | errno);
    }

    private void load(int offset) {
        program.add(new long[] {LD_W_ABS, 0, 0, offset});
    }

    private void jump(int code, int k, int ifTrue, int ifFalse) {
        program.add(new long[] {code, ifTrue, ifFalse, k & 0xffffffffL});
    }

    private void ret(int k) {
        program.add(new long[] {RET_K, 0, 0, k & 0xffffffffL});
    }

    private byte[] bytes() {
        ByteBuffer buffer = ByteBuffer.allocate(program.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] insn : program) {
            buffer.putShort((short) insn[0]).put((byte) insn[1]).put((byte) insn[2]).putInt((int) insn[3]);
        }
        return buffer.array();
    }
}
