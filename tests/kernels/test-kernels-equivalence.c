/* test-kernels-equivalence.c: every op on every backend against the CPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reference is the CPU backend on one thread. Each backend the registry
 * reports (and the CPU again on several thread counts) runs every op on the
 * same random inputs; outputs must match within the op's tolerance (exactly,
 * for the CPU), contain no NaN or infinity, and leave the guard bytes around
 * every buffer alone. A backend that cannot run here is reported and skipped.
 *
 * With SL_VULKAN_VALIDATION=1 (the `backends` suite's validation variant) the
 * Vulkan backend runs under the Khronos validation layer: the Vulkan backend
 * must open, and the layer must report nothing.
 */
#include "sl-kernels-harness.h"
#include "sl-tap.h"
#include "cpu/sl-cpu-backend.h"
#ifdef SL_HAVE_VULKAN
#include "vulkan/sl-vulkan-backend.h"
#endif

#include <stdlib.h>
#include <string.h>

#define N_SEEDS 12

static SlBackend *reference;

static void
compare_backend (SlBackend *backend, bool is_reference_kind)
{
  for (int op = 0; op < SL_N_OPS; op++)
    {
      double tolerance = sl_harness_tolerance ((SlOp) op, sl_backend_get_name (backend));
      double worst = 0.0;
      uint32_t identical = 0;

      if (!sl_backend_supports_op (backend, (SlOp) op))
        {
          printf ("# %s does not support %s\n", sl_backend_get_name (backend), sl_op_get_name ((SlOp) op));
          continue;
        }
      for (uint32_t seed = 0; seed < N_SEEDS; seed++)
        {
          SlHarnessRun expected, got;
          SlStatus status;

          status = sl_harness_run_random_op (reference, (SlOp) op, seed, &expected);
          if (!SL_CHECK (status == SL_OK, "reference %s seed %u: %s", sl_op_get_name ((SlOp) op), seed,
                         sl_backend_get_error (reference)))
            continue;
          status = sl_harness_run_random_op (backend, (SlOp) op, seed, &got);
          if (SL_CHECK (status == SL_OK, "%s seed %u: %s", sl_op_get_name ((SlOp) op), seed,
                        sl_backend_get_error (backend)))
            {
              SL_CHECK (got.bounds_ok && expected.bounds_ok, "%s seed %u wrote out of bounds",
                        sl_op_get_name ((SlOp) op), seed);
              SL_CHECK (got.n_outputs == expected.n_outputs, "%s seed %u: outputs differ in number",
                        sl_op_get_name ((SlOp) op), seed);
              for (size_t i = 0; i < got.n_outputs && i < expected.n_outputs; i++)
                {
                  SlHarnessDiff diff = sl_harness_compare (expected.outputs[i], got.outputs[i]);

                  SL_CHECK (sl_host_image_count_nonfinite (got.outputs[i]) == 0,
                            "%s seed %u output %zu has NaN or infinity", sl_op_get_name ((SlOp) op), seed, i);
                  SL_CHECK (diff.same_shape && (is_reference_kind ? diff.identical : diff.normalised <= tolerance),
                            "%s seed %u output %zu: error %g (max abs %g) over %g",
                            sl_op_get_name ((SlOp) op), seed, i, diff.normalised, diff.max_abs, tolerance);
                  worst = diff.normalised > worst ? diff.normalised : worst;
                  identical += diff.identical;
                }
              sl_harness_run_clear (&got);
            }
          sl_harness_run_clear (&expected);
        }
      if (!is_reference_kind)
        printf ("# %s %s: largest error %g (tolerance %g), %u outputs identical\n", sl_backend_get_name (backend),
                sl_op_get_name ((SlOp) op), worst, tolerance, identical);
    }
}

static void
test_registry_backends (void)
{
  size_t n = sl_backend_registry_get_n_backends ();

  for (size_t i = 0; i < n; i++)
    {
      const SlBackendIface *iface = sl_backend_registry_get_backend (i);
      char reason[256] = "";
      SlBackend *backend = sl_backend_new (iface, NULL, reason, sizeof reason);

      if (backend == NULL)
        {
          printf ("# skipping %s: %s\n", iface->name, reason);
          continue;
        }
      printf ("# %s against the cpu reference\n", iface->name);
      compare_backend (backend, iface == &sl_cpu_backend_iface);
      sl_backend_free (backend);
    }
}

/* The CPU's results must not depend on how many threads share the rows. */
static void
test_cpu_thread_counts (void)
{
  static const uint32_t counts[] = { 2, 3, 8 };

  for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
    {
      char reason[256] = "";
      SlBackend *backend = sl_backend_new (&sl_cpu_backend_iface, &(SlBackendOptions) { .n_threads = counts[i] },
                                           reason, sizeof reason);

      if (!SL_CHECK (backend != NULL, "cpu with %u threads: %s", counts[i], reason))
        continue;
      SL_CHECK (sl_cpu_backend_get_n_threads (backend) == counts[i], "thread count not honoured");
      compare_backend (backend, true);
      sl_backend_free (backend);
    }
}

static bool
validating (void)
{
  const char *value = getenv ("SL_VULKAN_VALIDATION");

  return value != NULL && value[0] != '\0' && strcmp (value, "0") != 0;
}

#ifdef SL_HAVE_VULKAN
/* Runs last, once every backend is freed: the layer reports leaks and
 * misuse up to the destruction of the device and the instance. */
static void
test_validation_clean (void)
{
  SL_CHECK (sl_vulkan_validation_message_count () == 0, "the validation layer reported %u messages (see stderr)",
            sl_vulkan_validation_message_count ());
}
#endif

/* Under validation a run that never reached Vulkan would prove nothing: it
 * is a skip, not a pass. */
static bool
vulkan_validatable (char *reason, size_t reason_size)
{
#ifdef SL_HAVE_VULKAN
  SlBackend *backend = sl_backend_open ("vulkan", NULL, reason, reason_size);

  sl_backend_free (backend);
  return backend != NULL;
#else
  snprintf (reason, reason_size, "the Vulkan backend is not built in");
  return false;
#endif
}

int
main (void)
{
  char reason[256] = "";

  if (validating () && !vulkan_validatable (reason, sizeof reason))
    {
      printf ("1..0 # SKIP %s\n", reason);
      return 0;
    }

  reference = sl_backend_new (&sl_cpu_backend_iface, &(SlBackendOptions) { .n_threads = 1 }, reason, sizeof reason);
  if (reference == NULL)
    {
      printf ("Bail out! no cpu reference: %s\n", reason);
      return 1;
    }
  sl_tap_run ("registry backends match the cpu reference", test_registry_backends);
  sl_tap_run ("cpu results do not depend on the thread count", test_cpu_thread_counts);
  sl_backend_free (reference);
#ifdef SL_HAVE_VULKAN
  if (validating ())
    sl_tap_run ("the Vulkan validation layer reported nothing", test_validation_clean);
#endif
  return sl_tap_done ();
}
