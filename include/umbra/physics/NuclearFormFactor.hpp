#pragma once
//! \file
//! The squared nuclear form factor G2(t) = G2_el(t) + G2_inel(t) of the photon
//! exchanged with a nucleus in bremsstrahlung-like processes (t = -q^2 > 0):
//!
//!   G2_el(t)   = Z^2 [a^2 t / (1 + a^2 t)]^2 [1 / (1 + t/d)]^2
//!   G2_inel(t) = Z [a'^2 t / (1 + a'^2 t)]^2 (1 + t (mu_p^2 - 1)/(4 m_p^2)) / (1 + t/0.71 GeV^2)^4
//!   a = 111 Z^(-1/3) / m_e,  a' = 773 Z^(-2/3) / m_e,  d = 0.164 GeV^2 A^(-2/3)
//!
//! Atomic screening times nuclear size for the elastic part, and the
//! per-proton (incoherent) part with the proton's dipole form factor.
//! Bjorken, Essig, Schuster, Toro, PRD 80 (2009) 075018, App. A eqs. A18-A19
//! (from Tsai, RMP 46 (1974) 815; Kim & Tsai, PRD 8 (1973) 3109); the
//! inelastic bracket *not* squared as corrected in arXiv:2401.06843 App. B
//! (eqs. B.2-B.3) and implemented in G4DarkBreM >= 2.2 and dark-brem-lib-gen
//! >= 5.2 (shared/reference/darkbrem.md 1.4, 3.2). The constants follow those
//! codes: m_e = 0.511 MeV exactly, mu_p = 2.79, m_p = 0.938 GeV.

namespace umbra::physics
{
class NuclearFormFactor
{
public:
    enum class InelasticTerm
    {
        corrected,  //!< 2401.06843 App. B: the bracket once (current codes)
        squared,    //!< BEST 2009 as printed: the whole inelastic factor squared (older codes, seed UFO)
        none,       //!< elastic only
    };

    struct Config
    {
        int atomic_number = 0;   //!< Z
        double mass_number = 0;  //!< A in d = 0.164 GeV^2 A^(-2/3): atomic mass [g/mol] as G4DarkBreM
                                 //!< (dark-brem-lib-gen 5 passes the nucleus mass in GeV here)
        InelasticTerm inelastic = InelasticTerm::corrected;

        void validate() const;
    };

    explicit NuclearFormFactor(const Config& config);

    //! G2_el(t), t = -q^2 [MeV^2]
    double elastic(double t) const noexcept;
    //! G2_inel(t) [MeV^2]
    double inelastic(double t) const noexcept;
    //! G2(t) = elastic + inelastic
    double operator()(double t) const noexcept { return elastic(t) + inelastic(t); }

    double screening_a() const noexcept { return a_; }             //!< a [1/MeV]
    double inelastic_screening_a() const noexcept { return a_prime_; }  //!< a' [1/MeV]
    double nuclear_size_d() const noexcept { return d_; }           //!< d [MeV^2]
    const Config& config() const noexcept { return config_; }

private:
    Config config_;
    double a_;        //!< [1/MeV]
    double a_prime_;  //!< [1/MeV]
    double d_;        //!< [MeV^2]
};
}  // namespace umbra::physics
