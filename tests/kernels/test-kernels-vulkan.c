/* test-kernels-vulkan.c: what is particular to the Vulkan backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The equivalence test compares every op alone with the CPU; this one covers
 * what only a queueing backend has: opening it by name, a whole frame of
 * chained ops with no wait in between, transfers larger than the staging
 * ring, more queued work than one command batch holds, buffers freed while
 * work that uses them is queued, device memory running out, a lost device,
 * and the reasons probe() gives. Device faults are injected
 * (sl_vulkan_backend_inject_fault()): the next Vulkan call that can fail
 * reports the fault instead of running. Skips where the backend is not built
 * or cannot run; under SL_VULKAN_VALIDATION=1 the validation layer must also
 * stay silent.
 */
#include "sl-kernels-harness.h"
#include "sl-tap.h"
#ifdef SL_HAVE_VULKAN
#include "vulkan/sl-vulkan-backend.h"
#endif

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef SL_HAVE_VULKAN

static SlBackend *vulkan;
static SlBackend *cpu;

static SlBuffer *
new_buffer (SlBackend *backend, SlFormat format, uint32_t width, uint32_t height, uint32_t levels)
{
  SlBufferDesc desc = { format, width, height, levels };
  SlBuffer *buffer = NULL;

  if (sl_buffer_new (backend, &desc, &buffer) != SL_OK)
    {
      printf ("Bail out! cannot allocate on %s: %s\n", sl_backend_get_name (backend), sl_backend_get_error (backend));
      exit (1);
    }
  return buffer;
}

static bool
run (SlBackend *backend, SlOp op, const void *params, SlBuffer *dst, SlBuffer *src, SlBuffer *aux)
{
  SlStatus status = sl_backend_run_op (backend, op, params, sl_op_get_params_size (op),
                                       &(SlOpBuffers) { dst, src, aux });

  return SL_CHECK (status == SL_OK, "%s on %s: %s", sl_op_get_name (op), sl_backend_get_name (backend),
                   sl_backend_get_error (backend));
}

static void
test_open_by_name (void)
{
  char reason[256] = "";
  SlBackend *backend = sl_backend_open ("vulkan", NULL, reason, sizeof reason);
  size_t n = sl_backend_registry_get_n_backends ();
  size_t vulkan_index = n, cpu_index = n, cuda_index = n;
  bool on_cpu;

  if (!SL_CHECK (backend != NULL, "open vulkan: %s", reason))
    return;
  SL_CHECK (strcmp (sl_backend_get_name (backend), "vulkan") == 0, "opened %s", sl_backend_get_name (backend));
  SL_CHECK (sl_vulkan_backend_get_device_name (backend)[0] != '\0', "the device has no name");
  printf ("# vulkan device: %s\n", sl_vulkan_backend_get_device_name (backend));
  for (int op = 0; op < SL_N_OPS; op++)
    if (!sl_backend_supports_op (backend, (SlOp) op))
      printf ("# this device cannot run %s\n", sl_op_get_name ((SlOp) op));
  /* Mesa's lavapipe calls its device llvmpipe. */
  on_cpu = strstr (sl_vulkan_backend_get_device_name (backend), "llvmpipe") != NULL;
  sl_backend_free (backend);

  /* What `auto` asks for: a hardware device, never lavapipe. */
  backend = sl_backend_new (&sl_vulkan_backend_iface, &(SlBackendOptions) { .hardware_only = 1 }, reason,
                            sizeof reason);
  SL_CHECK (on_cpu ? backend == NULL && strstr (reason, "software device") != NULL : backend != NULL,
            "hardware only, on %s: %s", on_cpu ? "lavapipe" : "a GPU", reason);
  sl_backend_free (backend);

  for (size_t i = 0; i < n; i++)
    {
      const char *name = sl_backend_registry_get_backend (i)->name;

      vulkan_index = strcmp (name, "vulkan") == 0 ? i : vulkan_index;
      cpu_index = strcmp (name, "cpu") == 0 ? i : cpu_index;
      cuda_index = strcmp (name, "cuda") == 0 ? i : cuda_index;
    }
  SL_CHECK (vulkan_index < cpu_index && (cuda_index == n || cuda_index < vulkan_index),
            "auto must try CUDA, then Vulkan, then the CPU");
}

/* The buffers and parameters of one frame, on one backend. */
typedef struct {
  SlBuffer *frame, *accum, *depth, *texture, *particles, *planes, *rgba;
} Frame;

#define FW 97
#define FH 61

/* Renders a frame the way the engine does, every op queued behind the last
 * with no sync: sky, a textured card with depth, particles, grade, bloom,
 * blur, motion-blur accumulation, and the encoder and display conversions. */
static void
render_frame (SlBackend *backend, Frame *f)
{
  SlSkyParams sky = {
    .ray_matrix = { 1.0f / 80, 0, -48.5f / 80, 0, -1.0f / 80, 30.5f / 80 + 0.2f, 0, 0, -1 },
    .zenith = { 0.05f, 0.1f, 0.4f }, .horizon = { 0.6f, 0.5f, 0.4f }, .sun_dir = { 0, 0.28f, -0.96f },
    .sun_color = { 20, 18, 15 }, .sun_radius = 0.05f, .sun_glow = 1.0f, .star_amount = 0.5f, .seed = 7,
    .cloud_color = { 0.8f, 0.8f, 0.85f }, .cloud_amount = 0.7f, .cloud_scale = 6.0f, .cloud_top = 0.6f,
  };
  SlDrawCardParams card = {
    .homography = { 0.8f, 0.1f, -5.0f, -0.05f, 0.9f, 3.0f, 0.0004f, -0.0002f, 1.0f },
    .tint = { 1.1f, 1.0f, 0.9f }, .opacity = 0.9f, .fog_color = { 0.5f, 0.6f, 0.7f }, .fog_amount = 0.2f,
    .lod_bias = 0.3f, .depth_scale = 2.0f,
  };
  SlGradeParams grade = {
    .exposure = 0.3f, .white_balance = { 1.05f, 0.02f, 0, 0, 1, 0, 0, 0.01f, 0.95f }, .contrast = 1.2f,
    .pivot = 0.18f, .saturation = 1.1f, .lift = { 0.01f, 0, 0 }, .gamma = { 1.1f, 1.0f, 0.95f },
    .gain = { 1, 1, 1 }, .vignette_amount = 0.3f, .vignette_radius = 0.5f, .vignette_softness = 0.5f,
    .grain_amount = 0.05f, .grain_seed = 3, .frame = 12,
  };
  SlBloomParams bloom = { 0.8f, 0.2f, 0.5f, 4 };
  SlBlurParams blur = { 1.5f };
  SlClearParams clear = { { 0, 0, 0, 0 } };
  SlAccumulateParams half = { 0.5f };
  SlScaleParams scale = { { 1.0f, 0.9f, 1.1f, 1.0f } };
  SlParticlesParams particles = { 40, 0.8f };
  SlToI420Params i420 = { 0, FW, FW * FH, (FW + 1) / 2, FW * FH + ((FW + 1) / 2) * ((FH + 1) / 2), (FW + 1) / 2 };
  SlToRgba8Params dither = { 1 };
  SlMipGenerateParams mips = { 0 };
  uint8_t photo[4 * 40 * 30];
  float records[40 * SL_PARTICLE_FLOATS];
  float far[FW * FH];
  uint8_t zeros[FW * FH * 2];

  for (size_t i = 0; i < sizeof photo; i++)
    photo[i] = (uint8_t) (i * 37 + i / 120);
  for (int i = 0; i < 40; i++)
    {
      float r[SL_PARTICLE_FLOATS] = { (float) (i * 13 % FW), (float) (i * 29 % FH), 0.3f + (float) (i % 6),
                                      0.7f, 1.0f, 0.8f, 0.5f, (float) (i % 3) / 2.0f };

      memcpy (records + SL_PARTICLE_FLOATS * i, r, sizeof r);
    }
  for (int i = 0; i < FW * FH; i++)
    far[i] = 1000.0f;

  f->frame = new_buffer (backend, SL_FORMAT_RGBA_F32, FW, FH, 1);
  f->accum = new_buffer (backend, SL_FORMAT_RGBA_F32, FW, FH, 1);
  f->depth = new_buffer (backend, SL_FORMAT_R_F32, FW, FH, 1);
  f->texture = new_buffer (backend, SL_FORMAT_RGBA_U16, 40, 30, 6);
  f->particles = new_buffer (backend, SL_FORMAT_R_F32, SL_PARTICLE_FLOATS, 40, 1);
  f->planes = new_buffer (backend, SL_FORMAT_R_U8, FW * FH * 2, 1, 1);
  f->rgba = new_buffer (backend, SL_FORMAT_RGBA_U8, FW, FH, 1);

  /* The bytes past the planes are compared too. */
  memset (zeros, 0, sizeof zeros);
  SL_CHECK (sl_backend_upload (backend, f->planes, 0, zeros, sizeof zeros) == SL_OK, "upload planes");
  SL_CHECK (sl_backend_upload (backend, f->depth, 0, far, FW * sizeof (float)) == SL_OK, "upload depth");
  SL_CHECK (sl_backend_upload (backend, f->particles, 0, records, sizeof (float) * SL_PARTICLE_FLOATS) == SL_OK,
            "upload particles");
  SL_CHECK (sl_backend_upload_srgb8 (backend, f->texture, photo, 4 * 40) == SL_OK, "upload photo: %s",
            sl_backend_get_error (backend));
  run (backend, SL_OP_MIP_GENERATE, &mips, f->texture, NULL, NULL);
  run (backend, SL_OP_CLEAR, &clear, f->accum, NULL, NULL);
  for (int sub = 0; sub < 2; sub++)
    {
      card.homography[2] += 1.5f;
      run (backend, SL_OP_SKY, &sky, f->frame, NULL, NULL);
      run (backend, SL_OP_DRAW_CARD, &card, f->frame, f->texture, f->depth);
      run (backend, SL_OP_PARTICLES, &particles, f->frame, f->particles, NULL);
      run (backend, SL_OP_ACCUMULATE, &half, f->accum, f->frame, NULL);
    }
  run (backend, SL_OP_GRADE, &grade, f->accum, NULL, NULL);
  run (backend, SL_OP_BLOOM, &bloom, f->accum, NULL, NULL);
  run (backend, SL_OP_BLUR, &blur, f->accum, f->accum, NULL);
  run (backend, SL_OP_SCALE, &scale, f->accum, NULL, NULL);
  if (sl_backend_supports_op (backend, SL_OP_TO_I420))
    run (backend, SL_OP_TO_I420, &i420, f->planes, f->accum, NULL);
  run (backend, SL_OP_TO_RGBA8, &dither, f->rgba, f->accum, NULL);
}

static void
frame_free (Frame *f)
{
  sl_buffer_free (f->frame);
  sl_buffer_free (f->accum);
  sl_buffer_free (f->depth);
  sl_buffer_free (f->texture);
  sl_buffer_free (f->particles);
  sl_buffer_free (f->planes);
  sl_buffer_free (f->rgba);
}

static void
compare_outputs (const char *what, const SlBuffer *expected, const SlBuffer *got, double tolerance)
{
  SlHostImage *a = sl_host_image_download (cpu, expected);
  SlHostImage *b = sl_host_image_download (vulkan, got);

  if (SL_CHECK (a != NULL && b != NULL, "%s: download failed: %s", what, sl_backend_get_error (vulkan)))
    {
      SlHarnessDiff diff = sl_harness_compare (a, b);

      SL_CHECK (sl_host_image_count_nonfinite (b) == 0, "%s has NaN or infinity", what);
      SL_CHECK (diff.same_shape && diff.normalised <= tolerance, "%s: error %g over %g", what, diff.normalised,
                tolerance);
      printf ("# frame %s: error %g%s\n", what, diff.normalised, diff.identical ? " (identical)" : "");
    }
  sl_host_image_free (a);
  sl_host_image_free (b);
}

/* Chained ops pass each op's rounding on to the next, and bloom and grade
 * amplify it: the frame gets ten times the per-op bound of sl-kernels-harness.c. */
static void
test_frame (void)
{
  Frame on_cpu, on_gpu;

  render_frame (cpu, &on_cpu);
  render_frame (vulkan, &on_gpu);
  compare_outputs ("colour", on_cpu.accum, on_gpu.accum, 1e-3);
  compare_outputs ("depth", on_cpu.depth, on_gpu.depth, 1e-4);
  compare_outputs ("texture", on_cpu.texture, on_gpu.texture, 1.0);
  compare_outputs ("rgba8", on_cpu.rgba, on_gpu.rgba, 1.0);
  if (sl_backend_supports_op (vulkan, SL_OP_TO_I420))
    compare_outputs ("i420", on_cpu.planes, on_gpu.planes, 1.0);
  frame_free (&on_cpu);
  frame_free (&on_gpu);
}

/* Rows STRIDE bytes apart with a pattern in the gaps, which transfers must
 * neither copy nor overwrite. */
static void
test_large_transfers (void)
{
  const uint32_t w = 1100, h = 600;  /* 10.6 MB: more than a staging region */
  const size_t row = (size_t) 16 * w, up_stride = row + 20, down_stride = row + 36;
  uint8_t *up = malloc (up_stride * h), *down = malloc (down_stride * h);
  SlBuffer *frame = new_buffer (vulkan, SL_FORMAT_RGBA_F32, w, h, 1);
  SlBuffer *texture = new_buffer (vulkan, SL_FORMAT_RGBA_U16, 300, 200, 9);
  uint16_t level5[10 * 6 * 4], back[10 * 6 * 4];
  bool rows_ok = true, gaps_ok = true;

  for (size_t i = 0; i < up_stride * h; i++)
    up[i] = (uint8_t) (i % 251);
  memset (down, 0xee, down_stride * h);
  SL_CHECK (sl_backend_upload (vulkan, frame, 0, up, up_stride) == SL_OK, "upload: %s", sl_backend_get_error (vulkan));
  SL_CHECK (sl_backend_download (vulkan, frame, 0, down, down_stride) == SL_OK, "download: %s",
            sl_backend_get_error (vulkan));
  for (uint32_t y = 0; y < h; y++)
    {
      rows_ok &= memcmp (up + up_stride * y, down + down_stride * y, row) == 0;
      for (size_t i = row; i < down_stride; i++)
        gaps_ok &= down[down_stride * y + i] == 0xee;
    }
  SL_CHECK (rows_ok, "rows differ after a round trip");
  SL_CHECK (gaps_ok, "download wrote between rows");
  SL_CHECK (sl_vulkan_buffer_guards_intact (frame), "guard bands damaged");

  /* Level 5 of 300 x 200 is 9 x 6: one level alone, in the middle of the chain. */
  for (size_t i = 0; i < sizeof level5 / sizeof level5[0]; i++)
    level5[i] = (uint16_t) (i * 1009);
  SL_CHECK (sl_backend_upload (vulkan, texture, 5, level5, 9 * 8 + 8) == SL_OK, "upload level");
  SL_CHECK (sl_backend_download (vulkan, texture, 5, back, 9 * 8 + 8) == SL_OK, "download level");
  for (int y = 0; y < 6; y++)
    SL_CHECK (memcmp (level5 + 40 * y, back + 40 * y, 9 * 8) == 0, "level 5 row %d differs", y);
  SL_CHECK (sl_vulkan_buffer_guards_intact (texture), "guard bands damaged");

  sl_buffer_free (frame);
  sl_buffer_free (texture);
  free (up);
  free (down);
}

/* Far more dispatches than one batch has descriptor sets: batches are
 * submitted as they fill, and the work still runs in order. */
static void
test_many_queued_ops (void)
{
  const int n = 700;
  SlBuffer *sum = new_buffer (vulkan, SL_FORMAT_RGBA_F32, 8, 4, 1);
  SlBuffer *one = new_buffer (vulkan, SL_FORMAT_RGBA_F32, 8, 4, 1);
  SlClearParams zero = { { 0, 0, 0, 0 } }, ones = { { 1, 1, 1, 1 } };
  SlAccumulateParams add = { 1.0f };
  SlScaleParams twice = { { 2, 2, 2, 2 } };
  float pixels[8 * 4 * 4];
  bool ok = true;

  run (vulkan, SL_OP_CLEAR, &zero, sum, NULL, NULL);
  run (vulkan, SL_OP_CLEAR, &ones, one, NULL, NULL);
  for (int i = 0; i < n; i++)
    run (vulkan, SL_OP_ACCUMULATE, &add, sum, one, NULL);
  run (vulkan, SL_OP_SCALE, &twice, sum, NULL, NULL);
  SL_CHECK (sl_backend_download (vulkan, sum, 0, pixels, sizeof pixels / 4) == SL_OK, "download: %s",
            sl_backend_get_error (vulkan));
  for (size_t i = 0; i < sizeof pixels / sizeof pixels[0]; i++)
    ok &= pixels[i] == 2.0f * n;
  SL_CHECK (ok, "queued ops ran out of order (first pixel %g, want %g)", pixels[0], 2.0 * n);
  sl_buffer_free (sum);
  sl_buffer_free (one);
}

/* Freeing a buffer that queued work still uses is allowed: the memory lives
 * until that work is done. */
static void
test_free_while_queued (void)
{
  SlBuffer *frame = new_buffer (vulkan, SL_FORMAT_RGBA_F32, 64, 64, 1);
  SlBuffer *src = new_buffer (vulkan, SL_FORMAT_RGBA_F32, 64, 64, 1);
  SlClearParams grey = { { 0.5f, 0.5f, 0.5f, 1 } };
  SlBlurParams blur = { 3.0f };
  float *pixels = malloc ((size_t) 16 * 64 * 64);

  run (vulkan, SL_OP_CLEAR, &grey, src, NULL, NULL);
  run (vulkan, SL_OP_BLUR, &blur, frame, src, NULL);
  sl_buffer_free (src);
  SL_CHECK (sl_backend_sync (vulkan) == SL_OK, "sync: %s", sl_backend_get_error (vulkan));
  SL_CHECK (sl_backend_download (vulkan, frame, 0, pixels, 16 * 64) == SL_OK, "download: %s",
            sl_backend_get_error (vulkan));
  SL_CHECK (fabsf (pixels[4 * (64 * 32 + 32)] - 0.5f) < 1e-6f && fabsf (pixels[3] - 1.0f) < 1e-6f,
            "the blur of a grey frame is %g %g", pixels[4 * (64 * 32 + 32)], pixels[3]);
  sl_buffer_free (frame);
  free (pixels);
}

static void
test_out_of_memory (void)
{
  SlBufferDesc desc = { SL_FORMAT_RGBA_F32, 32, 32, 1 };
  SlBuffer *frame = new_buffer (vulkan, SL_FORMAT_RGBA_F32, 32, 32, 1), *other = NULL;
  SlBlurParams blur = { 2.0f };
  SlClearParams red = { { 1, 0, 0, 1 } };
  float pixels[32 * 32 * 4];
  SlStatus status;

  sl_vulkan_backend_inject_fault (vulkan, SL_VULKAN_FAULT_OUT_OF_DEVICE_MEMORY);
  SL_CHECK (sl_buffer_new (vulkan, &desc, &other) == SL_ERROR_OUT_OF_MEMORY && other == NULL,
            "a buffer without device memory");

  sl_vulkan_backend_inject_fault (vulkan, SL_VULKAN_FAULT_OUT_OF_DEVICE_MEMORY);
  status = sl_backend_run_op (vulkan, SL_OP_BLUR, &blur, sizeof blur, &(SlOpBuffers) { frame, frame, NULL });
  SL_CHECK (status == SL_ERROR_OUT_OF_MEMORY, "run_op reported %s", sl_status_to_string (status));
  SL_CHECK (strstr (sl_backend_get_error (vulkan), "out of device memory") != NULL, "error: %s",
            sl_backend_get_error (vulkan));

  /* Not lasting: the next calls work. */
  SL_CHECK (run (vulkan, SL_OP_CLEAR, &red, frame, NULL, NULL), "clear after running out");
  SL_CHECK (sl_backend_download (vulkan, frame, 0, pixels, 32 * 16) == SL_OK && pixels[0] == 1.0f
            && pixels[4 * 1023 + 3] == 1.0f, "the frame after running out: %s", sl_backend_get_error (vulkan));
  sl_buffer_free (frame);
}

/* A lost device cannot come back: every later call says so, and freeing
 * still works. Runs last: the backend is unusable afterwards. */
static void
test_device_lost (void)
{
  SlBuffer *frame = new_buffer (vulkan, SL_FORMAT_RGBA_F32, 16, 16, 1);
  SlClearParams clear = { { 0, 0, 1, 1 } };
  SlStatus status;
  float pixels[16 * 16 * 4];

  run (vulkan, SL_OP_CLEAR, &clear, frame, NULL, NULL);
  sl_vulkan_backend_inject_fault (vulkan, SL_VULKAN_FAULT_DEVICE_LOST);
  status = sl_backend_sync (vulkan);
  SL_CHECK (status == SL_ERROR_DEVICE, "sync reported %s", sl_status_to_string (status));
  SL_CHECK (strstr (sl_backend_get_error (vulkan), "device lost") != NULL, "error: %s", sl_backend_get_error (vulkan));

  status = sl_backend_run_op (vulkan, SL_OP_CLEAR, &clear, sizeof clear, &(SlOpBuffers) { frame });
  SL_CHECK (status == SL_ERROR_DEVICE && strstr (sl_backend_get_error (vulkan), "lost") != NULL,
            "run_op after the loss: %s", sl_backend_get_error (vulkan));
  SL_CHECK (sl_backend_upload (vulkan, frame, 0, pixels, 16 * 16) == SL_ERROR_DEVICE, "upload after the loss");
  SL_CHECK (sl_backend_download (vulkan, frame, 0, pixels, 16 * 16) == SL_ERROR_DEVICE, "download after the loss");
  SL_CHECK (sl_backend_sync (vulkan) == SL_ERROR_DEVICE, "sync after the loss");
  sl_buffer_free (frame);
}

static void
test_probe_reasons (void)
{
  char reason[512] = "";
  SlBackend *backend;

  setenv ("SL_VULKAN_DEVICE", "no such device", 1);
  SL_CHECK (!sl_vulkan_backend_iface.probe (reason, sizeof reason) && strstr (reason, "SL_VULKAN_DEVICE") != NULL,
            "probe with no matching device: %s", reason);
  backend = sl_backend_open ("auto", NULL, reason, sizeof reason);
  SL_CHECK (backend != NULL && strcmp (sl_backend_get_name (backend), "vulkan") != 0
            && strstr (reason, "vulkan: ") != NULL, "auto without a Vulkan device: %s", reason);
  sl_backend_free (backend);
  unsetenv ("SL_VULKAN_DEVICE");
}

static bool
validating (void)
{
  const char *value = getenv ("SL_VULKAN_VALIDATION");

  return value != NULL && value[0] != '\0' && strcmp (value, "0") != 0;
}

static void
test_validation_clean (void)
{
  SL_CHECK (sl_vulkan_validation_message_count () == 0, "the validation layer reported %u messages (see stderr)",
            sl_vulkan_validation_message_count ());
}

int
main (void)
{
  char reason[256] = "";

  vulkan = sl_backend_open ("vulkan", NULL, reason, sizeof reason);
  if (vulkan == NULL)
    {
      printf ("1..0 # SKIP vulkan: %s\n", reason);
      return 0;
    }
  cpu = sl_backend_open ("cpu", &(SlBackendOptions) { .n_threads = 1 }, reason, sizeof reason);
  sl_tap_run ("vulkan opens by name, ranked between cuda and cpu", test_open_by_name);
  sl_tap_run ("a frame of chained ops matches the cpu", test_frame);
  sl_tap_run ("transfers larger than the staging ring keep strides", test_large_transfers);
  sl_tap_run ("queued ops beyond one batch run in order", test_many_queued_ops);
  sl_tap_run ("buffers may be freed while work is queued", test_free_while_queued);
  sl_tap_run ("running out of device memory is reported and passes", test_out_of_memory);
  sl_tap_run ("a lost device fails every later call", test_device_lost);
  sl_backend_free (vulkan);
  sl_backend_free (cpu);
  sl_tap_run ("probe says why vulkan cannot run", test_probe_reasons);
  if (validating ())
    sl_tap_run ("the Vulkan validation layer reported nothing", test_validation_clean);
  return sl_tap_done ();
}

#else

int
main (void)
{
  printf ("1..0 # SKIP the Vulkan backend is not built in\n");
  return 0;
}

#endif
