//! e-Gov 法令標準XML → [`Document`] (to be written: issue 6).

use super::Parsed;
use crate::error::{Error, Location, Result};

/// Parses e-Gov 法令標準XML (a bare `<Law>` or the API v2 `<law_data_response>` wrapper).
pub fn parse(name: &str, _text: &str) -> Result<Parsed> {
    Err(Error::Xml {
        at: Location { file: name.into(), line: 1, column: 1 },
        message: "XML import is not written yet".into(),
    })
}
