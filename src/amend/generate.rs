//! Writing the 一部改正 text (改め文) that turns one version into another.

use crate::error::Result;
use crate::model::Document;

/// Options for [`generate`].
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The 施行期日 sentence to put in the 附則, overriding the one taken from NEW's last 附則.
    pub effective: Option<String>,
}

/// Writes the 改め文 that turns `old` into `new`.
pub fn generate(old: &Document, new: &Document, _opts: &Options) -> Result<String> {
    let _ = (old, new);
    Err(crate::Error::Other("not yet".into()))
}
