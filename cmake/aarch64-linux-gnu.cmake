# Cross-compiles for 64-bit ARM Linux (Jetson, other Cortex-A boards) with Debian's
# crossbuild-essential-arm64 and multiarch :arm64 libraries (see scripts/cross-aarch64.sh).
# No sysroot: the target's libraries live beside the host's, in /usr/lib/aarch64-linux-gnu.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# Libraries and package configs from the target's multiarch directory only; programs (protoc)
# from the host.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_IGNORE_PATH /usr/lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu/cmake)
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)

# Test binaries (ctest, add_test) run under user-mode emulation when no aarch64 CPU is at hand.
find_program(SYNERGY_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(SYNERGY_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${SYNERGY_QEMU_AARCH64})
endif()
