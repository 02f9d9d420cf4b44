"""Documents made from a scorecard: the styled Excel report and CSV (:mod:`.excel`). The one place
besides pages that draws charts into files."""
