//! Choosing the next token from logits: greedy, or temperature with nucleus
//! (top-p) truncation, reproducible from a seed.

/// splitmix64: small, fast, and good enough to draw tokens.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Clone, Debug)]
pub struct Sampler {
    temperature: f32,
    top_p: f32,
    rng: Rng,
}

impl Sampler {
    /// `temperature` 0 is greedy; `top_p` in (0, 1] keeps the smallest set of
    /// tokens whose probability reaches it.
    pub fn new(temperature: f32, top_p: f32, seed: u64) -> Self {
        Self { temperature: temperature.max(0.0), top_p: top_p.clamp(f32::MIN_POSITIVE, 1.0), rng: Rng::new(seed) }
    }

    pub fn greedy() -> Self {
        Self::new(0.0, 1.0, 0)
    }

    pub fn sample(&mut self, logits: &[f32]) -> u32 {
        if self.temperature == 0.0 {
            return argmax(logits);
        }
        let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut probs: Vec<(u32, f64)> = logits
            .iter()
            .enumerate()
            .map(|(i, &l)| (i as u32, (((l - max) / self.temperature) as f64).exp()))
            .filter(|(_, p)| *p > 0.0)
            .collect();
        let total: f64 = probs.iter().map(|(_, p)| p).sum();
        probs.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut kept = 0.0;
        let mut cut = probs.len();
        for (i, (_, p)) in probs.iter().enumerate() {
            kept += p / total;
            if kept >= self.top_p as f64 {
                cut = i + 1;
                break;
            }
        }
        probs.truncate(cut);
        let mass: f64 = probs.iter().map(|(_, p)| p).sum();
        let mut target = self.rng.next_f64() * mass;
        for &(id, p) in &probs {
            if target < p {
                return id;
            }
            target -= p;
        }
        probs.last().map_or_else(|| argmax(logits), |&(id, _)| id)
    }
}

/// The first index of the largest logit.
pub fn argmax(logits: &[f32]) -> u32 {
    let mut best = 0;
    for (i, &l) in logits.iter().enumerate() {
        if l > logits[best] {
            best = i;
        }
    }
    best as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_takes_the_first_maximum() {
        assert_eq!(Sampler::greedy().sample(&[0.1, 3.0, 3.0, -1.0]), 1);
    }

    #[test]
    fn tiny_top_p_is_greedy_and_seeds_reproduce() {
        let logits = [1.0, 2.0, 0.5, 1.9];
        assert_eq!(Sampler::new(1.0, 1e-6, 9).sample(&logits), 1);
        let draw = |seed| {
            let mut s = Sampler::new(1.0, 1.0, seed);
            (0..20).map(|_| s.sample(&logits)).collect::<Vec<_>>()
        };
        assert_eq!(draw(3), draw(3));
        assert!(draw(3).iter().any(|&t| t != 1), "temperature 1 never left the argmax");
    }
}
