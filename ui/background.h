#pragma once

class QThreadPool;

namespace ea {

// The calling thread yields the CPU to the GUI thread from now on: its nice
// value goes up by kBackgroundNice (once per thread; the threads of the pools
// are reused, and a thread started from it inherits the value). Every task
// the window starts on a pool thread calls this first. On a two-core machine
// two pool threads sorting, reading a snapshot or computing the charts would
// otherwise take the cores as often as the GUI thread, and a paint that needs
// 20 ms of CPU took 50-90 ms (Qt's raster engine also waits for its own fill
// threads). Linux keeps the nice value per thread; elsewhere, and on the
// GUI thread itself (QFuture::waitForFinished() may run a task there), this
// does nothing.
inline constexpr int kBackgroundNice = 5;
void yieldToGuiThread() noexcept;

// The pool every task of the window runs on (QtConcurrent::run(workPool(),
// ...)): as many threads as cores, apart from Qt's global pool. Qt's raster
// engine converts and scales images on the global pool's threads while the
// GUI thread waits for them; with the window's reads and sorts filling those
// threads, the first paint of a 900k-destination case waited 200-330 ms for a
// thread to come free (38 ms with two threads to spare: gui_benchmark).
[[nodiscard]] QThreadPool *workPool();

// Called once by a program that shows the window, before any thread starts:
// memory the views free goes back to the system at once. glibc otherwise
// raises its mmap threshold to the largest block freed (up to 32 MiB) and its
// trim threshold with it, so the columns of a replaced snapshot (tens of MB
// at a million destinations) stayed resident; malloc_trim() gave them back
// but holds each malloc arena's lock while it walks it, and the GUI thread
// waited up to 50 ms for the lock in the middle of a paint. Fixed thresholds:
// blocks of 1 MiB and more are mapped and unmapped on their own, and a heap
// top of 1 MiB or more free is returned. Elsewhere this does nothing.
void returnFreedMemoryPromptly() noexcept;

// Gives the free pages inside the malloc arenas back to the system
// (malloc_trim): reading a million-row snapshot leaves ~20 MB of small freed
// blocks resident between live ones, which the thresholds above do not
// return. It locks each arena while it walks it, the GUI thread's too: call it
// on a pool thread at the end of a long read, while the window waits for that
// read (not after the result lands, when the window paints and allocates).
void releaseFreePages() noexcept;

} // namespace ea
