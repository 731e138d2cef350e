/* sl-cuda-particles.cu: PARTICLES on the GPU
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One block per 16 x 16 tile of pixels, one thread per pixel. The block walks
 * the particles in array order, a batch at a time: each thread loads one
 * particle of the batch, the batch is compacted (in order) to those whose
 * rectangle reaches the tile, and every pixel then composites those in turn.
 * A pixel thus sees the same sequence of "over"s as on the CPU, over the same
 * rectangle of pixels per particle.
 */
#include "sl-cuda-private.h"
#include "../common/sl-particle.h"

#define TILE  16
#define BATCH (TILE * TILE)
#define WARPS (BATCH / 32)

typedef struct {
  SlParticle particle;
  int32_t    x0, x1, y0, y1;  /* the pixels it may touch: [x0, x1) x [y0, y1) */
} Placed;

/* The rectangle the CPU draws PARTICLE over in a WIDTH x HEIGHT frame: the
 * pixels whose centre lies within the antialiased rim. */
static __device__ void
place (const SlParticle *particle, int32_t width, int32_t height, Placed *out)
{
  float reach = particle->radius + 0.5f;
  int32_t x0 = sl_floor_to_int (particle->x - reach, -1, width);
  int32_t x1 = sl_floor_to_int (particle->x + reach, -1, width) + 1;
  int32_t y0 = sl_floor_to_int (particle->y - reach, -1, height);
  int32_t y1 = sl_floor_to_int (particle->y + reach, -1, height) + 1;

  out->particle = *particle;
  out->x0 = x0 > 0 ? x0 : 0;
  out->x1 = x1 < width ? x1 : width;
  out->y0 = y0 > 0 ? y0 : 0;
  out->y1 = y1 < height ? y1 : height;
}

static __global__ void
particles_kernel (const float *records, uint32_t count, float opacity, float4 *pixels,
                  int32_t width, int32_t height)
{
  __shared__ Placed batch[BATCH];
  __shared__ uint32_t warp_hits[WARPS];
  uint32_t lane = threadIdx.x % 32, warp = threadIdx.x / 32;
  int32_t tile_x = (int32_t) (blockIdx.x * TILE), tile_y = (int32_t) (blockIdx.y * TILE);
  int32_t x = tile_x + (int32_t) (threadIdx.x % TILE), y = tile_y + (int32_t) (threadIdx.x / TILE);
  bool inside = x < width && y < height;
  float4 p = inside ? pixels[(size_t) width * y + x] : make_float4 (0.0f, 0.0f, 0.0f, 0.0f);

  for (uint32_t first = 0; first < count; first += BATCH)
    {
      uint32_t index = first + threadIdx.x, before = 0, total = 0, hits;
      bool hit = false;
      Placed placed;

      if (index < count)
        {
          SlParticle particle;

          sl_particle_load (records + (size_t) SL_PARTICLE_FLOATS * index, opacity, &particle);
          place (&particle, width, height, &placed);
          hit = particle.alpha > 0.0f
                && placed.x0 < placed.x1 && placed.x0 < tile_x + TILE && placed.x1 > tile_x
                && placed.y0 < placed.y1 && placed.y0 < tile_y + TILE && placed.y1 > tile_y;
        }

      /* Where this particle goes in the compacted batch: after the hits of
       * the lanes and warps before it, so the order is kept. */
      hits = __ballot_sync (0xffffffffu, hit);
      if (lane == 0)
        warp_hits[warp] = __popc (hits);
      __syncthreads ();
      for (uint32_t w = 0; w < WARPS; w++)
        {
          before += w < warp ? warp_hits[w] : 0;
          total += warp_hits[w];
        }
      if (hit)
        batch[before + __popc (hits & ((1u << lane) - 1u))] = placed;
      __syncthreads ();

      for (uint32_t i = 0; i < total && inside; i++)
        {
          const Placed *q = &batch[i];
          float a, keep;

          if (x < q->x0 || x >= q->x1 || y < q->y0 || y >= q->y1)
            continue;
          a = sl_particle_coverage (&q->particle, (float) x + 0.5f, (float) y + 0.5f);
          keep = 1.0f - a;
          p.x = q->particle.color[0] * a + p.x * keep;
          p.y = q->particle.color[1] * a + p.y * keep;
          p.z = q->particle.color[2] * a + p.z * keep;
          p.w = a + p.w * keep;
        }
      /* The batch is rewritten next time round only when every thread is
       * done with it. */
      __syncthreads ();
    }
  if (inside)
    pixels[(size_t) width * y + x] = p;
}

SlStatus
sl_cuda_particles (SlBackend *backend, const void *params, const SlOpBuffers *buffers)
{
  const SlParticlesParams *p = (const SlParticlesParams *) params;
  uint32_t width = buffers->dst->desc.width, height = buffers->dst->desc.height;

  if (p->count == 0)
    return SL_OK;
  particles_kernel<<<dim3 ((width + TILE - 1) / TILE, (height + TILE - 1) / TILE), BATCH, 0,
                     sl_cuda_from_backend (backend)->stream>>> (
    (const float *) sl_cuda_buffer_data (buffers->src), p->count, p->opacity,
    sl_cuda_buffer_pixels (buffers->dst), (int32_t) width, (int32_t) height);
  return sl_cuda_check_launch (backend, "particles");
}
