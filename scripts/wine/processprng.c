/* bcryptprimitives.dll for Wine 8, which lacks it: Rust's standard library
 * (1.78 and later) draws its random numbers from ProcessPrng, which Windows
 * 10 and Wine 9 provide. This DLL gives it from RtlGenRandom (advapi32's
 * SystemFunction036), which Wine 8 has. Built with mingw by
 * scripts/wine-test.sh and placed in the Wine prefix's system32; never
 * shipped: real Windows has its own. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
