extension TrainingConfiguration {
    /// What the refit of a run that kept epoch `epochs` trains with (``refit``): this
    /// configuration (a member's, for an ensemble) for `epochs` epochs — its learning-rate
    /// schedule run over those epochs — with no validation drawn, keeping the last epoch.
    public func refitted(epochs: Int) -> TrainingConfiguration {
        var copy = self
        (copy.epochs, copy.validationFraction, copy.keep, copy.refit) = (epochs, 0, .last, nil)
        copy.recipe?.patience = nil
        return copy
    }
}
