package io.toolsmith.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The filter program for both known machines, run by a small classic-BPF interpreter (the kernel's rules:
 * jumps are relative to the next instruction, the first return decides). What it does in a real sandbox
 * is checked by {@link SystemCallFilterTest}.
 */
class SeccompFilterTest {
    static final int ALLOW = SeccompFilter.RET_ALLOW;
    static final int EPERM = SeccompFilter.RET_ERRNO | SeccompFilter.EPERM;
    static final int ENOSYS = SeccompFilter.RET_ERRNO | SeccompFilter.ENOSYS;
    static final int AUDIT_ARCH_I386 = 0x40000003;
    static final int AUDIT_ARCH_ARM = 0x40000028;

    /** Runs the program on one system call: (arch, nr, first argument). */
    static int run(byte[] program, int arch, int nr, long arg0) {
        ByteBuffer data = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0, nr).putInt(4, arch).putLong(16, arg0);
        ByteBuffer code = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        int count = program.length / 8;
        int accumulator = 0;
        int pc = 0;
        for (int steps = 0; steps < 10_000; steps++) {
            assertTrue(pc < count, "the program ran past its end");
            int op = code.getShort(pc * 8) & 0xffff;
            int jt = code.get(pc * 8 + 2) & 0xff;
            int jf = code.get(pc * 8 + 3) & 0xff;
            int k = code.getInt(pc * 8 + 4);
            pc++;
            switch (op) {
                case SeccompFilter.LD_W_ABS -> accumulator = data.getInt(k);
                case SeccompFilter.JEQ_K -> pc += accumulator == k ? jt : jf;
                case SeccompFilter.JGE_K -> pc += Integer.compareUnsigned(accumulator, k) >= 0 ? jt : jf;
                case SeccompFilter.JSET_K -> pc += (accumulator & k) != 0 ? jt : jf;
                case SeccompFilter.RET_K -> {
                    return k;
                }
                default -> throw new AssertionError("unexpected opcode " + op);
            }
        }
        throw new AssertionError("the program did not end");
    }

    @Test
    void onX8664TheListedCallsAreRefusedAndOrdinaryOnesAllowed() {
        SeccompFilter.Arch arch = SeccompFilter.X86_64;
        byte[] program = SeccompFilter.program(arch);
        int native64 = arch.auditArch();
        assertEquals(ALLOW, run(program, native64, 0, 0), "read");
        assertEquals(ALLOW, run(program, native64, 1, 0), "write");
        assertEquals(ALLOW, run(program, native64, 57, 0), "fork");
        assertEquals(ALLOW, run(program, native64, 59, 0), "execve");
        for (int nr : new int[] {272, 308, 165, 166, 155, 428, 429, 430, 431, 432, 101, 310, 311, 321, 248, 249, 250,
                425, 426, 427, 298, 323, 246, 320, 175, 313, 176, 169, 167, 168, 438}) {
            assertEquals(EPERM, run(program, native64, nr, 0), "system call " + nr);
        }
        assertEquals(ENOSYS, run(program, native64, 435, 0), "clone3");
        // clone: a thread or a process is fine, a new namespace is not.
        long thread = 0x3d0f00;
        assertEquals(ALLOW, run(program, native64, 56, thread));
        assertEquals(ALLOW, run(program, native64, 56, 0x01200011));
        assertEquals(EPERM, run(program, native64, 56, 0x01200011 | 0x10000000), "clone(CLONE_NEWUSER)");
        assertEquals(EPERM, run(program, native64, 56, 0x11 | 0x40000000), "clone(CLONE_NEWNET)");
        assertEquals(EPERM, run(program, native64, 56, 0x11 | 0x00020000), "clone(CLONE_NEWNS)");
        // personality: asking and the plain persona only.
        assertEquals(ALLOW, run(program, native64, 135, 0));
        assertEquals(ALLOW, run(program, native64, 135, 0xffffffffL));
        assertEquals(EPERM, run(program, native64, 135, 0x0040000), "ADDR_NO_RANDOMIZE");
        // Other calling conventions: i386 through int 0x80, and x32.
        assertEquals(ENOSYS, run(program, AUDIT_ARCH_I386, 1, 0));
        assertEquals(ENOSYS, run(program, native64, 0x40000000 | 272, 0));
        assertEquals(ENOSYS, run(program, native64, 0x40000000, 0));
    }

    @Test
    void onAarch64TheListedCallsAreRefusedAndOrdinaryOnesAllowed() {
        SeccompFilter.Arch arch = SeccompFilter.AARCH64;
        byte[] program = SeccompFilter.program(arch);
        int native64 = arch.auditArch();
        assertEquals(ALLOW, run(program, native64, 63, 0), "read");
        assertEquals(ALLOW, run(program, native64, 221, 0), "execve");
        assertEquals(ALLOW, run(program, native64, 0x40000000 | 63, 0), "no x32 rule on aarch64");
        for (int nr : new int[] {97, 268, 40, 39, 41, 117, 270, 271, 280, 217, 218, 219, 425, 426, 427, 241, 282, 104,
                294, 105, 273, 106, 142, 224, 225}) {
            assertEquals(EPERM, run(program, native64, nr, 0), "system call " + nr);
        }
        assertEquals(ENOSYS, run(program, native64, 435, 0), "clone3");
        assertEquals(ALLOW, run(program, native64, 220, 0x01200011));
        assertEquals(EPERM, run(program, native64, 220, 0x01200011 | 0x20000000), "clone(CLONE_NEWPID)");
        assertEquals(EPERM, run(program, native64, 92, 0x0040000), "personality(ADDR_NO_RANDOMIZE)");
        assertEquals(ENOSYS, run(program, AUDIT_ARCH_ARM, 63, 0), "arm32 compat");
    }

    /** glibc's pthread_create: CLONE_VM|FS|FILES|SIGHAND|THREAD|SYSVSEM|SETTLS|PARENT_SETTID|CHILD_CLEARTID. */
    static final long THREAD_FLAGS = 0x003d0f00L;
    /** glibc's fork: CLONE_CHILD_SETTID|CLONE_CHILD_CLEARTID|SIGCHLD. */
    static final long FORK_FLAGS = 0x01200011L;
    /** posix_spawn: CLONE_VM|CLONE_VFORK|SIGCHLD. */
    static final long SPAWN_FLAGS = 0x00004111L;

    @Test
    void withoutProcessesForkAndExecAreRefusedButThreadsAreNot() {
        SeccompFilter.Arch x86 = SeccompFilter.X86_64;
        byte[] program = SeccompFilter.noProcesses(x86);
        int native64 = x86.auditArch();
        assertEquals(ALLOW, run(program, native64, 56, THREAD_FLAGS), "clone of a thread");
        assertEquals(EPERM, run(program, native64, 56, FORK_FLAGS), "clone of a process");
        assertEquals(EPERM, run(program, native64, 56, SPAWN_FLAGS), "clone for posix_spawn");
        for (int nr : new int[] {57, 58, 59, 322}) {
            assertEquals(EPERM, run(program, native64, nr, 0), "fork, vfork, execve, execveat: " + nr);
        }
        assertEquals(ENOSYS, run(program, native64, 435, 0), "clone3");
        assertEquals(ALLOW, run(program, native64, 0, 0), "read");
        assertEquals(ALLOW, run(program, native64, 62, 9), "kill");
        assertEquals(ENOSYS, run(program, native64, 0x40000000 | 59, 0), "x32 execve");
        assertEquals(ENOSYS, run(program, AUDIT_ARCH_I386, 11, 0), "i386 execve");

        SeccompFilter.Arch arm = SeccompFilter.AARCH64;
        byte[] armProgram = SeccompFilter.noProcesses(arm);
        assertEquals(ALLOW, run(armProgram, arm.auditArch(), 220, THREAD_FLAGS), "clone of a thread");
        assertEquals(EPERM, run(armProgram, arm.auditArch(), 220, FORK_FLAGS), "clone of a process");
        assertEquals(EPERM, run(armProgram, arm.auditArch(), 221, 0), "execve");
        assertEquals(EPERM, run(armProgram, arm.auditArch(), 281, 0), "execveat");
        assertEquals(ALLOW, run(armProgram, arm.auditArch(), 63, 0), "read");
    }

    @Test
    void machinesAreKnownByTheirJavaNames() {
        assertEquals(Optional.of(SeccompFilter.X86_64), SeccompFilter.forName("amd64"));
        assertEquals(Optional.of(SeccompFilter.AARCH64), SeccompFilter.forName("aarch64"));
        assertEquals(Optional.empty(), SeccompFilter.forName("riscv64"));
    }
}
