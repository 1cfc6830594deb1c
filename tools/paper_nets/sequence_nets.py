"""BERT-base's encoder and the PTB LSTM language model of Zaremba et al., as matmuls on
token matrices (L x d: d channels of an L x 1 map, one row per token)."""
from .builder import Net

BERT_LAYERS, BERT_HIDDEN, BERT_HEADS, BERT_FFN, BERT_SEQUENCE = 12, 768, 12, 3072, 128


def bert_base():
    net = Net('bert-base', BERT_HIDDEN, BERT_SEQUENCE, 1)
    x = 'input'
    for index in range(BERT_LAYERS):
        p = 'layer%d_' % index
        q = net.projection(p + 'query', x, BERT_HIDDEN)
        k = net.projection(p + 'key', x, BERT_HIDDEN)
        v = net.projection(p + 'value', x, BERT_HIDDEN)
        scores = net.product(p + 'scores', q, k, heads=BERT_HEADS, transpose_b=True,
                             activation='softmax')
        context = net.product(p + 'context', scores, v, heads=BERT_HEADS)
        attention = net.projection(p + 'attention_output', context, BERT_HIDDEN)
        x = net.add(p + 'attention_add', [attention, x])
        hidden = net.projection(p + 'intermediate', x, BERT_FFN, activation='gelu')
        out = net.projection(p + 'output', hidden, BERT_HIDDEN)
        x = net.add(p + 'output_add', [out, x])
    per_layer = (4 * BERT_SEQUENCE * BERT_HIDDEN * BERT_HIDDEN +
                 2 * BERT_HEADS * BERT_SEQUENCE * (BERT_HIDDEN // BERT_HEADS) * BERT_SEQUENCE +
                 2 * BERT_SEQUENCE * BERT_HIDDEN * BERT_FFN)
    assert net.total_macs() == BERT_LAYERS * per_layer
    variant = (
        'BERT-base encoder (Devlin et al. 2019: L = 12 layers, H = 768, A = 12 heads, '
        'feed-forward 3072), one sequence of 128 tokens, embeddings excluded. Per layer: '
        'query, key and value projections (128 x 768 x 768 each), Q x K^T per head (12 x '
        '128 x 64 x 128, softmax over the keys), attention x V per head (12 x 128 x 128 x '
        '64), the output projection, a residual add, the feed-forward 768-3072 (GELU)-768 '
        'and a second residual add. {derived}; published about 11.2G MACs (arithmetic: 12 '
        'x (4 x 128 x 768^2 + 2 x 12 x 128^2 x 64 + 2 x 128 x 768 x 3072) = 11,173,625,856) '
        'and 85M weights (Devlin et al. count 110M parameters with the 23.8M of the '
        'embeddings, the pooler, biases and LayerNorm).'.format(derived=net.derived()))
    source = ('Devlin, Chang, Lee, Toutanova, "BERT: Pre-training of Deep Bidirectional '
              'Transformers for Language Understanding", NAACL 2019 (BERT-base); Vaswani et al. '
              '2017 for the layer; written by tools/gen_paper_nets.py')
    notes = ('The input is the 128 x 768 token matrix after the embeddings, stored as 768 '
             'channels of a 128 x 1 map. LayerNorm (after each residual add), biases and the '
             '1/sqrt(64) scaling of the scores (which folds into the query weights) are not '
             'layers: no MACs. The scores of the 12 heads are 12 x 128 channels (one group of '
             '128 keys per head); softmax normalizes each head\'s keys.')
    return net, variant, source, notes


LSTM_LAYERS, LSTM_UNITS, LSTM_STEPS, LSTM_VOCABULARY = 2, 650, 35, 10000
GATES = [('input_gate', 'sigmoid'), ('forget_gate', 'sigmoid'), ('cell_gate', 'tanh'),
         ('output_gate', 'sigmoid')]


def lstm_step(net, p, x, h, c, first):
    """One LSTM cell: gates from [x, h], c' = f c + i g, h' = o tanh(c')."""
    both = net.concat(p + 'x_h', [x, h])
    gates = {}
    for gate, function in GATES:
        shared = None if first is None else first + gate
        gates[gate] = net.projection(p + gate, both, LSTM_UNITS, activation=function,
                                     weights_from=shared)
    kept = net.mul(p + 'forget', [gates['forget_gate'], c])
    new = net.mul(p + 'write', [gates['input_gate'], gates['cell_gate']])
    c = net.add(p + 'cell', [kept, new])
    squashed = net.relu(p + 'cell_tanh', c, 'tanh')  # c is read raw by the next step
    h = net.mul(p + 'hidden', [gates['output_gate'], squashed])
    return h, c


def lstm_ptb():
    net = Net('lstm-ptb', LSTM_UNITS, LSTM_STEPS, 1)
    states = []
    for layer in range(LSTM_LAYERS):
        h = net.input('l%d_h0' % (layer + 1), LSTM_UNITS, 1, 1)
        c = net.input('l%d_c0' % (layer + 1), LSTM_UNITS, 1, 1)
        states.append([h, c])
    for step in range(LSTM_STEPS):
        x = net.slice_rows('t%d_token' % (step + 1), 'input', step, 1)
        for layer in range(LSTM_LAYERS):
            p = 't%d_l%d_' % (step + 1, layer + 1)
            first = None if step == 0 else 't1_l%d_' % (layer + 1)
            x, states[layer][1] = lstm_step(net, p, x, states[layer][0], states[layer][1], first)
            states[layer][0] = x
        net.projection('t%d_decoder' % (step + 1), x, LSTM_VOCABULARY, activation='softmax',
                       weights_from=None if step == 0 else 't1_decoder')
    per_token = LSTM_LAYERS * 4 * 2 * LSTM_UNITS * LSTM_UNITS + LSTM_UNITS * LSTM_VOCABULARY
    assert net.total_macs() == LSTM_STEPS * per_token and net.weights == per_token
    variant = (
        'The medium LSTM language model of Zaremba, Sutskever and Vinyals 2014 (Penn '
        'Treebank): 2 layers of 650 units, vocabulary 10,000, unrolled over 35 tokens (the '
        'paper\'s unroll length), inference (no dropout). Each step of each layer: the '
        'input and the previous hidden state concatenated (1300), four gate matmuls of '
        '1300 x 650 (input, forget and output gates with sigmoid, cell gate with tanh), '
        'c\' = f c + i g, h\' = o tanh(c\'); the decoder, 650 x 10,000 with softmax, per '
        'token. The steps share their weights (`weights_from`). {derived}; per token '
        '13,260,000 MACs = one per weight (2 x 4 x 1300 x 650 + 650 x 10,000), x 35 '
        'tokens. Published: "20M" parameters for the medium model (Zaremba et al.; '
        'tabulated so by Merity et al. 2018, Table 1) = these 13.26M weights + the '
        '6.5M-word embedding (10,000 x 650, a lookup without MACs) + biases.'
        .format(derived=net.derived()))
    source = ('Zaremba, Sutskever, Vinyals, "Recurrent Neural Network Regularization", '
              'arXiv:1409.2329, 2014 (medium model, section 4.1); written by '
              'tools/gen_paper_nets.py')
    notes = ('The input is the 35 x 650 matrix of embedded tokens (650 channels of a 35 x 1 '
             'map); step t reads row t (a slice). The initial hidden and cell states of each '
             'layer are extra inputs (layers of type input, 650 x 1 x 1): the final states '
             'of the previous sequence, as the paper carries them over. Biases are not '
             'layers. The tanh of the cell state stays an activation layer because the next '
             'step reads the cell state raw.')
    return net, variant, source, notes
